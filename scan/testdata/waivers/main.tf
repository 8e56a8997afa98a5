resource "aws_kms_key" "waived_by_register" {
  enable_key_rotation = false
}

# attest:ignore aws-kms-key-rotation reason="key for a one-off migration, deleted after" expires=2099-01-31
resource "aws_kms_key" "waived_inline" {
  enable_key_rotation = false
}

resource "aws_kms_key" "expired_exception" {
  enable_key_rotation = false
}

# attest:ignore aws-kms-key-rotation reason="missing expiry is not applied"
resource "aws_kms_key" "bad_inline" {
  enable_key_rotation = false
}

resource "aws_kms_key" "rotated" {
  enable_key_rotation = true
}
