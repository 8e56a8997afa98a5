variable "fs_id" {
  type = string
}

resource "aws_efs_file_system" "maybe" {
  creation_token = "maybe"
  encrypted      = true
}

resource "aws_efs_file_system_policy" "elsewhere" {
  file_system_id = var.fs_id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = "*"
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
