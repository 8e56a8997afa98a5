variable "group" {
  type = string
}

variable "ssl" {
  type = string
}

resource "aws_redshift_parameter_group" "tls" {
  name   = "tls-only"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "true"
  }
}

resource "aws_redshift_parameter_group" "lax" {
  name   = "lax"
  family = "redshift-1.0"

  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }
}

resource "aws_redshift_parameter_group" "configurable" {
  name   = "cfg"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = var.ssl
  }
}

resource "aws_redshift_cluster" "by_reference" {
  cluster_identifier           = "warehouse"
  node_type                    = "ra3.xlplus"
  cluster_parameter_group_name = aws_redshift_parameter_group.tls.name
}

resource "aws_redshift_cluster" "by_name" {
  for_each                     = { strict = "tls-only", lax = "lax" }
  cluster_identifier           = each.key
  node_type                    = "ra3.xlplus"
  cluster_parameter_group_name = each.value
}

resource "aws_redshift_cluster" "defaulted" {
  cluster_identifier = "defaulted"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_cluster" "external" {
  cluster_identifier           = "external"
  node_type                    = "ra3.xlplus"
  cluster_parameter_group_name = var.group
}

resource "aws_redshift_cluster" "unknown_params" {
  cluster_identifier           = "unknown-params"
  node_type                    = "ra3.xlplus"
  cluster_parameter_group_name = aws_redshift_parameter_group.configurable.name
}
