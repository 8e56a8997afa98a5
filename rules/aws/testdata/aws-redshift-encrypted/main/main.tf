variable "setting" {
  type = bool
}

resource "aws_redshift_cluster" "good" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
  encrypted = true
}

resource "aws_redshift_cluster" "absent" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_cluster" "per_env" {
  for_each = { prod = true, dev = false }
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
  encrypted = each.value
}

resource "aws_redshift_cluster" "configurable" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
  encrypted = var.setting
}
