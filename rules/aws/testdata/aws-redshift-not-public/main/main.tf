variable "setting" {
  type = bool
}

resource "aws_redshift_cluster" "good" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
  publicly_accessible = false
}

resource "aws_redshift_cluster" "absent" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_cluster" "per_env" {
  for_each = { prod = false, dev = true }
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
  publicly_accessible = each.value
}

resource "aws_redshift_cluster" "configurable" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
  publicly_accessible = var.setting
}
