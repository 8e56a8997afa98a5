variable "vpc" { type = string }

module "a" {
  source = "../bucket"
  name   = "a-${var.vpc}"
}

module "b" {
  source = "../bucket"
  name   = "b"
}
