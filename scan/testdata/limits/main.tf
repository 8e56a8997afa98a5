locals {
  k = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
}

resource "aws_kms_key" "big" {
  description         = "${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}${local.k}"
  enable_key_rotation = true
}

resource "aws_kms_key" "fine" {
  enable_key_rotation = false
}
