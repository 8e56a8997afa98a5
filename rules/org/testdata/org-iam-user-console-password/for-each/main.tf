resource "aws_iam_user" "people" {
  for_each = toset(["carol", "dave"])
  name     = each.key
}

resource "aws_iam_user_login_profile" "people" {
  for_each = aws_iam_user.people
  user     = each.value.name
}

resource "aws_iam_user" "robot" {
  name = "robot"
}
