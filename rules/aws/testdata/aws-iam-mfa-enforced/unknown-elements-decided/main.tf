variable "resource" {
  type = string
}

# Unknown values that cannot bear on MFA: a Deny's Resource, an Allow's
# condition value. The known statements decide.
resource "aws_iam_group" "enforced" {
  name = "enforced"
}

resource "aws_iam_group_policy" "enforced" {
  name  = "enforced"
  group = aws_iam_group.enforced.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFA*", "sts:GetSessionToken"]
      Resource  = [var.resource]
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}

resource "aws_iam_group" "allow_only" {
  name = "allow-only"
}

resource "aws_iam_group_policy" "allow_only" {
  name  = "allow-only"
  group = aws_iam_group.allow_only.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "s3:GetObject"
      Resource  = [var.resource]
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = [var.resource] } }
    }]
  })
}
