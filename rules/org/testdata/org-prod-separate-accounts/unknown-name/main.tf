variable "second_account" {
  type = string
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_account" "prod" {
  name  = "shop-prod"
  email = "aws-shop-prod@example.com"
}

resource "aws_organizations_account" "other" {
  name  = var.second_account
  email = "aws-other@example.com"
}
