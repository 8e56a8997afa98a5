resource "aws_config_configuration_recorder" "this" {
  for_each = toset(["eu-west-1"])
  name     = "default"
  role_arn = "arn:aws:iam::222233334444:role/config"
}

resource "aws_config_configuration_aggregator" "organization" {
  name = "organization"
  organization_aggregation_source {
    all_regions = true
    role_arn    = "arn:aws:iam::222233334444:role/config-aggregator"
  }
}
