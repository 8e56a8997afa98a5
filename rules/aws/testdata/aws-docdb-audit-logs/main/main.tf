variable "setting" {
  type = list(string)
}

resource "aws_docdb_cluster" "good" {
  engine             = "docdb"
  master_username    = "admin"
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
}

resource "aws_docdb_cluster" "absent" {
  engine             = "docdb"
  master_username    = "admin"
}

resource "aws_docdb_cluster" "per_env" {
  for_each = { prod = ["audit", "profiler"], dev = ["profiler"] }
  engine             = "docdb"
  master_username    = "admin"
  enabled_cloudwatch_logs_exports = each.value
}

resource "aws_docdb_cluster" "configurable" {
  engine             = "docdb"
  master_username    = "admin"
  enabled_cloudwatch_logs_exports = var.setting
}
