variable "mfa_present" {
  type = string
}

variable "statement" {
  type = any
}

variable "group" {
  type = string
}

# The MFA condition's value is not known statically.
resource "aws_iam_group" "condition_value" {
  name = "condition-value"
}

resource "aws_iam_group_policy" "condition_value" {
  name  = "condition-value"
  group = aws_iam_group.condition_value.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFA*", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = var.mfa_present } }
    }]
  })
}

# A managed policy with a statement that is not known statically.
resource "aws_iam_group" "statement" {
  name = "statement"
}

resource "aws_iam_policy" "statement" {
  name   = "statement"
  policy = jsonencode({ Version = "2012-10-17", Statement = [var.statement] })
}

resource "aws_iam_group_policy_attachment" "statement" {
  group      = aws_iam_group.statement.name
  policy_arn = aws_iam_policy.statement.arn
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

# aws_iam_policy_attachment of a policy from outside the configuration.
resource "aws_iam_group" "external" {
  name = "external"
}

resource "aws_iam_policy_attachment" "external" {
  name       = "external"
  groups     = [aws_iam_group.external.name]
  policy_arn = "arn:aws:iam::123456789012:policy/RequireMFA"
}
