resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "prod" {
  name      = "Production"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "dev" {
  name      = "Development"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_account" "shop" {
  name      = "shop"
  email     = "aws-shop@example.com"
  parent_id = aws_organizations_organizational_unit.prod.id
}

# A staging account placed in the production unit.
resource "aws_organizations_account" "staging" {
  name      = "shop-staging"
  email     = "aws-shop-staging@example.com"
  parent_id = aws_organizations_organizational_unit.prod.id
}

resource "aws_organizations_account" "sandbox" {
  name      = "sandbox"
  email     = "aws-sandbox@example.com"
  parent_id = aws_organizations_organizational_unit.dev.id
}
