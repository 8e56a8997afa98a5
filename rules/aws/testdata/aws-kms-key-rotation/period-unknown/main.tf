variable "rotation_days" {
  type = number
}

# Rotation is on, but the period may be longer than a year (up to 2560 days).
resource "aws_kms_key" "period" {
  description             = "rotation period set by the caller"
  enable_key_rotation     = true
  rotation_period_in_days = var.rotation_days
}

resource "aws_kms_key" "asymmetric" {
  description              = "signing"
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
  rotation_period_in_days  = var.rotation_days
}
