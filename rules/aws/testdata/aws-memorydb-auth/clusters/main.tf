variable "acl" {
  type = string
}

resource "aws_memorydb_acl" "app" {
  name       = "app-acl"
  user_names = ["app"]
}

resource "aws_memorydb_cluster" "own_acl" {
  name      = "ledger"
  node_type = "db.t4g.small"
  acl_name  = aws_memorydb_acl.app.id
}

resource "aws_memorydb_cluster" "per_env" {
  for_each  = { prod = "app-acl", dev = "open-access" }
  name      = each.key
  node_type = "db.t4g.small"
  acl_name  = each.value
}

resource "aws_memorydb_cluster" "configurable" {
  name      = "cfg"
  node_type = "db.t4g.small"
  acl_name  = var.acl
}
