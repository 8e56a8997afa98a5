variable "setting" {
  type = number
}

resource "aws_docdb_cluster" "good" {
  engine             = "docdb"
  master_username    = "admin"
  backup_retention_period = 14
}

resource "aws_docdb_cluster" "absent" {
  engine             = "docdb"
  master_username    = "admin"
}

resource "aws_docdb_cluster" "per_env" {
  for_each = { prod = 14, dev = 1 }
  engine             = "docdb"
  master_username    = "admin"
  backup_retention_period = each.value
}

resource "aws_docdb_cluster" "configurable" {
  engine             = "docdb"
  master_username    = "admin"
  backup_retention_period = var.setting
}
