resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "Workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "env" {
  for_each  = toset(["Prod", "NonProd"])
  name      = each.key
  parent_id = aws_organizations_organizational_unit.workloads.id
}

module "payments" {
  source    = "./modules/account"
  for_each  = aws_organizations_organizational_unit.env
  name      = "payments-${lower(each.key) == "prod" ? "a" : "b"}"
  parent_id = each.value.id
}

resource "aws_organizations_account" "security" {
  name      = "security"
  email     = "aws-security@example.com"
  parent_id = aws_organizations_organization.this.roots[0].id
}
