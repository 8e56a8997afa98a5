resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "top" {
  for_each  = toset(["Workloads", "Sandbox"])
  name      = each.key
  parent_id = aws_organizations_organization.this.roots[0].id
}

# Nested under Workloads: covered through its parent.
resource "aws_organizations_organizational_unit" "prod" {
  name      = "Prod"
  parent_id = aws_organizations_organizational_unit.top["Workloads"].id
}

resource "aws_organizations_policy" "cloudtrail" {
  name = "protect-cloudtrail"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = ["cloudtrail:Stop*", "cloudtrail:Delete*", "cloudtrail:Update*", "cloudtrail:Put*"]
      Resource = "*"
    }]
  })
}

resource "aws_organizations_policy" "stay" {
  name = "stay-in-organization"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "cloudtrail" {
  for_each  = aws_organizations_organizational_unit.top
  policy_id = aws_organizations_policy.cloudtrail.id
  target_id = each.value.id
}

resource "aws_organizations_policy_attachment" "stay" {
  for_each  = aws_organizations_organizational_unit.top
  policy_id = aws_organizations_policy.stay.id
  target_id = each.value.id
}
