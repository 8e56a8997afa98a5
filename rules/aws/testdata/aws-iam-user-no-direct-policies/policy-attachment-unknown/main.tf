variable "users" {
  type = list(string)
}

resource "aws_iam_user" "erin" {
  name = "erin"
}

resource "aws_iam_policy_attachment" "from_variable" {
  name       = "from-variable"
  users      = var.users
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
