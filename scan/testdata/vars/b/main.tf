resource "aws_kms_key" "b" {
  enable_key_rotation = true
}
