variable "reuse" {
  type = number
}

resource "aws_iam_account_password_policy" "from_var" {
  password_reuse_prevention = var.reuse
}
