resource "aws_iam_user_policy" "bad" {
  name   = "bad"
  user   = "ci"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}

resource "aws_iam_group_policy" "good" {
  name   = "good"
  group  = "ops"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:GetRole", Resource = "*" }] })
}
