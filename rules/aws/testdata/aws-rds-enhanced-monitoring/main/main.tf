variable "setting" {
  type = number
}

resource "aws_db_instance" "good" {
  monitoring_interval = 60
}

resource "aws_db_instance" "absent" {
}

resource "aws_db_instance" "per_env" {
  for_each = { prod = 60, dev = 0 }
  monitoring_interval = each.value
}

resource "aws_db_instance" "configurable" {
  monitoring_interval = var.setting
}

resource "aws_rds_cluster_instance" "good" {
  monitoring_interval = 60
}

resource "aws_rds_cluster_instance" "absent" {
}

resource "aws_rds_cluster_instance" "bad" {
  monitoring_interval = 0
}
