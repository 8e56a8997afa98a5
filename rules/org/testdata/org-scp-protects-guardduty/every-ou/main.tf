resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "top" {
  for_each  = toset(["Workloads", "Security"])
  name      = each.key
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "prod" {
  name      = "Prod"
  parent_id = aws_organizations_organizational_unit.top["Workloads"].id
}

resource "aws_organizations_policy" "guardduty" {
  name = "protect-guardduty"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "guardduty:*", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "guardduty" {
  for_each  = aws_organizations_organizational_unit.top
  policy_id = aws_organizations_policy.guardduty.id
  target_id = each.value.id
}
