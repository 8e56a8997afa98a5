# app reads module.net's output through local values
locals {
  vpc  = module.net.vpc_id
  name = "app-${local.vpc}"
}

module "net" {
  source = "./modules/net"
  cidr   = "10.0.0.0/16"
}

module "app" {
  source = "./modules/bucket"
  name   = "static"
  tags   = { Vpc = local.name }
}

module "other" {
  source = "./modules/bucket"
  name   = "other"
}
