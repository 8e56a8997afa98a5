variable "env" {
  type    = string
  default = "prod"
}

module "net" {
  source = "./modules/net"
  cidr   = "10.0.0.0/16"
}

module "logs" {
  source = "./modules/bucket"
  name   = "${var.env}-logs"
  extra  = module.net.vpc_id
}

module "data" {
  source = "./modules/bucket"
  name   = "${var.env}-data"
}

module "net2" {
  source  = "./modules/net"
  cidr    = "10.2.0.0/16"
  subnets = 3
}
