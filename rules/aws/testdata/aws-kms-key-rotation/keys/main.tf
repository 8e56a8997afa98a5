resource "aws_kms_key" "rotated" {
  description         = "application data"
  enable_key_rotation = true
}

resource "aws_kms_key" "static" {
  description = "forgotten"
}

resource "aws_kms_key" "slow" {
  description             = "rotates every two years"
  enable_key_rotation     = true
  rotation_period_in_days = 730
}

# Asymmetric keys cannot rotate automatically.
resource "aws_kms_key" "signing" {
  description              = "code signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}

resource "aws_kms_key" "hmac" {
  description              = "tokens"
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
}
