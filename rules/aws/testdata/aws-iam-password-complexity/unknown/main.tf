variable "require_numbers" {
  type = bool
}

resource "aws_iam_account_password_policy" "from_variable" {
  minimum_password_length      = 14
  require_numbers              = var.require_numbers
  require_lowercase_characters = true
}
