variable "encrypted" {
  type = bool
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = true
}

resource "aws_efs_file_system" "plain" {
  creation_token = "plain"
}

resource "aws_efs_file_system" "configurable" {
  creation_token = "configurable"
  encrypted      = var.encrypted
}
