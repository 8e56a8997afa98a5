resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

module "access" {
  source   = "./modules/access"
  for_each = toset(["Admin", "Developer"])
  name     = each.key
}
