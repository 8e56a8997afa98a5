resource "aws_iam_group" "readers" {
  name = "readers"
}

resource "aws_iam_group_policy_attachment" "read_only" {
  group      = aws_iam_group.readers.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user" "carol" {
  name = "carol"
}

resource "aws_iam_user_group_membership" "carol" {
  user   = aws_iam_user.carol.name
  groups = [aws_iam_group.readers.name]
}

resource "aws_iam_user_login_profile" "carol" {
  user = aws_iam_user.carol.name
}

# A policy that mentions MFA but only allows: it enforces nothing.
resource "aws_iam_user" "dave" {
  name = "dave"
}

resource "aws_iam_user_policy" "dave" {
  user = aws_iam_user.dave.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "ec2:*"
      Resource  = "*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_user_login_profile" "dave" {
  user = aws_iam_user.dave.name
}
