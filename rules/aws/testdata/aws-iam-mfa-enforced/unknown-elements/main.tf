variable "mfa_present" {
  type = string
}

variable "statement" {
  type = any
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

# aws_iam_policy_attachment of a policy from outside the configuration.
resource "aws_iam_group" "external" {
  name = "external"
}

resource "aws_iam_policy_attachment" "external" {
  name       = "external"
  groups     = [aws_iam_group.external.name]
  policy_arn = "arn:aws:iam::123456789012:policy/RequireMFA"
}

# A policy that is not JSON has no statement to read.
resource "aws_iam_group" "not_json" {
  name = "not-json"
}

resource "aws_iam_group_policy" "not_json" {
  name   = "not-json"
  group  = aws_iam_group.not_json.name
  policy = "{\"Statement\": [{\"Effect\": \"Deny\",}]}"
}
