variable "action" {
  type = string
}

variable "resource" {
  type = string
}

variable "statement" {
  type = any
}

# The case of issue 8: an action that is not known statically may be "*".
resource "aws_iam_policy" "unknown_action" {
  name = "unknown-action"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = [var.action], Resource = ["*"] }]
  })
}

resource "aws_iam_role_policy" "unknown_resource" {
  name = "unknown-resource"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = var.resource }]
  })
}

data "aws_iam_policy_document" "unknown_action" {
  statement {
    actions   = ["s3:GetObject", var.action]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "document" {
  name   = "document"
  user   = "ci"
  policy = data.aws_iam_policy_document.unknown_action.json
}

resource "aws_iam_group_policy" "unknown_statement" {
  name  = "unknown-statement"
  group = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
      var.statement,
    ]
  })
}

# Unknown elements that cannot make the statement an administrator's: a
# Deny, and an Allow whose known actions rule out every action.
resource "aws_iam_policy" "unknown_deny" {
  name = "unknown-deny"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = [var.action], Resource = "*" }]
  })
}

resource "aws_iam_policy" "scoped_action" {
  name = "scoped-action"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = [var.resource] }]
  })
}

# A known "*" on "*" fails whatever else is unknown.
resource "aws_iam_policy" "admin_and_unknown" {
  name = "admin-and-unknown"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = "*" },
      { Effect = "Allow", Action = [var.action], Resource = "*" },
    ]
  })
}
