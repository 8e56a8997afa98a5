variable "scp" {
  type = string
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "from_variable" {
  name    = "guardrails"
  content = var.scp
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.from_variable.id
  target_id = aws_organizations_organization.this.roots[0].id
}
