variable "all_regions" {
  type = bool
}

resource "aws_config_configuration_aggregator" "from_variable" {
  name = "from-variable"
  organization_aggregation_source {
    all_regions = var.all_regions
    role_arn    = "arn:aws:iam::111122223333:role/config-aggregator"
  }
}
