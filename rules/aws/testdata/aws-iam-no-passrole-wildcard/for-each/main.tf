resource "aws_iam_role_policy" "runner" {
  for_each = {
    narrow = "arn:aws:iam::111122223333:role/app"
    wide   = "*"
  }
  name   = each.key
  role   = "runner"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = each.value }] })
}
