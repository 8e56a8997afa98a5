variable "name" {
  type = string
}

variable "encrypted" {
  type    = bool
  default = false
}

resource "aws_efs_file_system" "this" {
  creation_token = var.name
  encrypted      = var.encrypted
}
