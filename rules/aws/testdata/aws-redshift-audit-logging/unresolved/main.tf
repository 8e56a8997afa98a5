variable "cluster_id" {
  type = string
}

resource "aws_redshift_cluster" "maybe" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_logging" "elsewhere" {
  cluster_identifier   = var.cluster_id
  log_destination_type = "cloudwatch"
}
