variable "group" {
  type = string
}

# aws_iam_policy_attachment with a group that is not known statically may
# attach an MFA policy to any group of the configuration.
resource "aws_iam_group" "maybe_attached" {
  name = "maybe-attached"
}

resource "aws_iam_policy" "require_mfa" {
  name = "require-mfa"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFA*", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}

resource "aws_iam_policy_attachment" "require_mfa" {
  name       = "require-mfa"
  groups     = [var.group]
  policy_arn = aws_iam_policy.require_mfa.arn
}
