variable "cluster_id" {
  type = string
}

resource "aws_redshift_cluster" "logged" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_logging" "logged" {
  cluster_identifier   = aws_redshift_cluster.logged.id
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog", "useractivitylog"]
}

resource "aws_redshift_cluster" "inline" {
  cluster_identifier = "inline"
  node_type          = "ra3.xlplus"

  logging {
    enable      = true
    bucket_name = "example-redshift-logs"
  }
}

resource "aws_redshift_cluster" "silent" {
  for_each           = toset(["reporting", "sandbox"])
  cluster_identifier = each.key
  node_type          = "ra3.xlplus"
}
