resource "aws_kms_key" "fine" {
  enable_key_rotation = true
}

resource "aws_kms_key" "not_rotated" {
  enable_key_rotation = false
}
