variable "enabled" {
  type = bool
}

resource "aws_ebs_encryption_by_default" "from_variable" {
  enabled = var.enabled
}
