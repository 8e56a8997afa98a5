resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_account" "app" {
  for_each = {
    "app-1" = "production"
    "app-2" = "development"
  }
  name  = each.key
  email = "aws-${each.key}@example.com"
  tags = {
    Environment = each.value
  }
}
