locals {
  a = "${local.b}-a"
  b = "${local.a}-b"
}

module "x" {
  source = "./modules/bucket"
  name   = local.b
}

module "y" {
  source = "./modules/bucket"
  name   = local.a
}
