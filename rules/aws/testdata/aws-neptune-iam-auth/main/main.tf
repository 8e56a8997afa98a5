variable "setting" {
  type = bool
}

resource "aws_neptune_cluster" "good" {
  engine = "neptune"
  iam_database_authentication_enabled = true
}

resource "aws_neptune_cluster" "absent" {
  engine = "neptune"
}

resource "aws_neptune_cluster" "per_env" {
  for_each = { prod = true, dev = false }
  engine = "neptune"
  iam_database_authentication_enabled = each.value
}

resource "aws_neptune_cluster" "configurable" {
  engine = "neptune"
  iam_database_authentication_enabled = var.setting
}
