resource "aws_iam_account_password_policy" "weak" {
  minimum_password_length = 8
  require_symbols         = true
  password_reuse_prevention = 2
  max_password_age        = 180
}
