resource "aws_iam_group" "finance" {
  name = "finance"
}

resource "aws_iam_group_policy" "finance_mfa" {
  name  = "require-mfa"
  group = aws_iam_group.finance.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFA*", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}

resource "aws_iam_group" "support" {
  name = "support"
}

resource "aws_iam_policy" "mfa" {
  name = "mfa"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFA*"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = false } }
    }]
  })
}

resource "aws_iam_policy_attachment" "mfa" {
  name       = "mfa"
  groups     = [aws_iam_group.support.name]
  policy_arn = aws_iam_policy.mfa.arn
}

resource "aws_iam_group" "nobody" {
  name = "nobody"
}
