resource "aws_iam_account_password_policy" "defaults" {
  allow_users_to_change_password = true
}
