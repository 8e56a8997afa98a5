variable "setting" {
  type = bool
}

resource "aws_docdb_cluster" "good" {
  engine             = "docdb"
  master_username    = "admin"
  storage_encrypted = true
}

resource "aws_docdb_cluster" "absent" {
  engine             = "docdb"
  master_username    = "admin"
}

resource "aws_docdb_cluster" "per_env" {
  for_each = { prod = true, dev = false }
  engine             = "docdb"
  master_username    = "admin"
  storage_encrypted = each.value
}

resource "aws_docdb_cluster" "configurable" {
  engine             = "docdb"
  master_username    = "admin"
  storage_encrypted = var.setting
}
