locals {
  people = toset(["erin", "frank"])
}

resource "aws_iam_user" "people" {
  for_each = local.people
  name     = each.key
}

resource "aws_iam_user_login_profile" "people" {
  for_each = aws_iam_user.people
  user     = each.value.name
}

resource "aws_iam_group" "engineers" {
  name = "engineers"
}

resource "aws_iam_group_membership" "engineers" {
  name  = "engineers"
  group = aws_iam_group.engineers.name
  users = ["erin"]
}

resource "aws_iam_group_policy" "mfa" {
  group = aws_iam_group.engineers.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFA*", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = false } }
    }]
  })
}
