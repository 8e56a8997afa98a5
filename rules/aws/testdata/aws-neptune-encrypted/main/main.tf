variable "setting" {
  type = bool
}

resource "aws_neptune_cluster" "good" {
  engine = "neptune"
  storage_encrypted = true
}

resource "aws_neptune_cluster" "absent" {
  engine = "neptune"
}

resource "aws_neptune_cluster" "per_env" {
  for_each = { prod = true, dev = false }
  engine = "neptune"
  storage_encrypted = each.value
}

resource "aws_neptune_cluster" "configurable" {
  engine = "neptune"
  storage_encrypted = var.setting
}
