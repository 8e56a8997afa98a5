variable "prefix" { type = string }
variable "names" { type = set(string) }

module "inner" {
  source   = "../bucket"
  for_each = var.names
  name     = "${var.prefix}-${each.key}"
  nosuch   = true
}

module "net" {
  source = "../net"
  cidr   = "10.1.0.0/16"
}

resource "aws_sns_topic" "t" {
  name = "${var.prefix}-${module.inner["a"].name}"
}
