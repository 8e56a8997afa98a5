variable "n" { type = number }
variable "zones" { type = set(string) }

module "maybe" {
  source = "./modules/net"
  count  = var.n
  cidr   = "10.9.0.0/16"
}

module "zonal" {
  source   = "./modules/bucket"
  for_each = var.zones
  name     = "z-${each.key}"
}

module "fixed" {
  source = "./modules/net"
  count  = 2
  cidr   = "10.${count.index}.0.0/16"
}
