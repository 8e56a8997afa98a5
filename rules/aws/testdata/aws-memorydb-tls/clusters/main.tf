variable "tls" {
  type = bool
}

resource "aws_memorydb_cluster" "defaulted" {
  name      = "ledger"
  node_type = "db.t4g.small"
  acl_name  = "app-acl"
}

resource "aws_memorydb_cluster" "per_env" {
  for_each    = { prod = true, load_test = false }
  name        = each.key
  node_type   = "db.t4g.small"
  acl_name    = "app-acl"
  tls_enabled = each.value
}

resource "aws_memorydb_cluster" "configurable" {
  name        = "cfg"
  node_type   = "db.t4g.small"
  acl_name    = "app-acl"
  tls_enabled = var.tls
}
