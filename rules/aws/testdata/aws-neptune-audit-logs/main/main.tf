variable "setting" {
  type = list(string)
}

resource "aws_neptune_cluster" "good" {
  engine = "neptune"
  enable_cloudwatch_logs_exports = ["audit", "slowquery"]
}

resource "aws_neptune_cluster" "absent" {
  engine = "neptune"
}

resource "aws_neptune_cluster" "per_env" {
  for_each = { prod = ["audit", "slowquery"], dev = ["slowquery"] }
  engine = "neptune"
  enable_cloudwatch_logs_exports = each.value
}

resource "aws_neptune_cluster" "configurable" {
  engine = "neptune"
  enable_cloudwatch_logs_exports = var.setting
}
