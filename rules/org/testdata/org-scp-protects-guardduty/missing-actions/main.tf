resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "Workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

# Deleting the detector is denied, but suspending it (UpdateDetector) and
# leaving the administrator are not.
resource "aws_organizations_policy" "partial" {
  name = "partial"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = ["guardduty:DeleteDetector", "guardduty:DeletePublishingDestination"], Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.partial.id
  target_id = aws_organizations_organization.this.roots[0].id
}
