locals {
  grants = {
    secrets = "secretsmanager:*"
    params  = "ssm:GetParameter"
  }
}

resource "aws_iam_role_policy" "app" {
  for_each = local.grants
  name     = each.key
  role     = "app"
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = each.value, Resource = "*" }] })
}
