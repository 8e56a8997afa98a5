resource "aws_kms_key" "k" {
  enable_key_rotation = var.rotate
}

variable "rotate" {
  type = bool
}
