resource "aws_iam_account_password_policy" "never" {
  minimum_password_length = 14
}
