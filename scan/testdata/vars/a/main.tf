variable "rotate" {
  type = bool
}

resource "aws_kms_key" "a" {
  enable_key_rotation = var.rotate
}
