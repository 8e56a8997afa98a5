# wrap reads module.net's output, so it loads in order; in it, a reads
# var.vpc, which only the root's module.net gives: a's speculation fails
module "net" {
  source = "./modules/net"
  cidr   = "10.0.0.0/16"
}

module "wrap" {
  source = "./modules/wrap"
  vpc    = module.net.vpc_id
}
