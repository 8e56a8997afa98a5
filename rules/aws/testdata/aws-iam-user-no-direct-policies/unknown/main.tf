variable "user" {
  type = string
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_policy_attachment" "from_variable" {
  user       = var.user
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
