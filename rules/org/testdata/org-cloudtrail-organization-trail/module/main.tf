resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

module "trails" {
  source   = "./modules/trail"
  for_each = toset(["organization"])
  name     = each.key
}
