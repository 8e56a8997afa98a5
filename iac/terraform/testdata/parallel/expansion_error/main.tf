locals {
  keys = toset(["x", var.nosuch])
}

module "reader" {
  source = "./modules/bucket"
  name   = join(",", local.keys)
}

module "expanded" {
  source   = "./modules/bucket"
  for_each = local.keys
  name     = each.key
}

module "counted" {
  source = "./modules/net"
  count  = length(local.keys)
  cidr   = "10.${count.index}.0.0/16"
}
