variable "setting" {
  type = number
}

resource "aws_neptune_cluster" "good" {
  engine = "neptune"
  backup_retention_period = 7
}

resource "aws_neptune_cluster" "absent" {
  engine = "neptune"
}

resource "aws_neptune_cluster" "per_env" {
  for_each = { prod = 7, dev = 3 }
  engine = "neptune"
  backup_retention_period = each.value
}

resource "aws_neptune_cluster" "configurable" {
  engine = "neptune"
  backup_retention_period = var.setting
}
