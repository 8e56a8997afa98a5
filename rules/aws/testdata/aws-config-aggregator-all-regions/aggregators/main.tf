resource "aws_config_configuration_aggregator" "organization" {
  name = "organization"
  organization_aggregation_source {
    all_regions = true
    role_arn    = "arn:aws:iam::111122223333:role/config-aggregator"
  }
}

resource "aws_config_configuration_aggregator" "accounts" {
  for_each = { narrow = false, wide = true }
  name     = each.key
  account_aggregation_source {
    account_ids = ["111122223333"]
    all_regions = each.value
    regions     = each.value ? null : ["eu-west-1"]
  }
}
