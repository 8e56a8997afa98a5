variable "max_age" {
  type = number
}

resource "aws_iam_account_password_policy" "from_variable" {
  minimum_password_length = 14
  max_password_age        = var.max_age
}
