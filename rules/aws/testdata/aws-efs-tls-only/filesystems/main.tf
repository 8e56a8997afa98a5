variable "fs_id" {
  type = string
}

resource "aws_efs_file_system" "guarded" {
  creation_token = "home"
  encrypted      = true
}

resource "aws_efs_file_system_policy" "guarded" {
  file_system_id = aws_efs_file_system.guarded.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = "*"
      Resource  = aws_efs_file_system.guarded.arn
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_efs_file_system" "open" {
  for_each       = toset(["scratch", "cache"])
  creation_token = each.key
  encrypted      = true
}
