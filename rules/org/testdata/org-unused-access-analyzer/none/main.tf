resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}
