variable "mfa_policy_arn" {
  type = string
}

resource "aws_iam_group" "people" {
  name = "people"
}

resource "aws_iam_group_policy_attachment" "mfa" {
  group      = aws_iam_group.people.name
  policy_arn = var.mfa_policy_arn
}

resource "aws_iam_user" "grace" {
  name = "grace"
}

resource "aws_iam_user_group_membership" "grace" {
  user   = aws_iam_user.grace.name
  groups = [aws_iam_group.people.name]
}

resource "aws_iam_user_login_profile" "grace" {
  user = aws_iam_user.grace.name
}
