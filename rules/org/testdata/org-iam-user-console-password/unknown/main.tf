variable "console_user" {
  type = string
}

resource "aws_iam_user" "erin" {
  name = "erin"
}

resource "aws_iam_user_login_profile" "someone" {
  user = var.console_user
}
