variable "macie" {
  type = bool
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_guardduty_detector" "this" {
  enable = true
}

resource "aws_securityhub_account" "this" {}

resource "aws_config_configuration_recorder" "this" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_aggregator" "this" {
  name = "organization"
  organization_aggregation_source {
    all_regions = true
    role_arn    = "arn:aws:iam::111122223333:role/config-aggregator"
  }
}

resource "aws_inspector2_enabler" "this" {
  account_ids    = ["111122223333"]
  resource_types = ["EC2", "ECR"]
}

resource "aws_macie2_account" "this" {
  count = var.macie ? 1 : 0
}
