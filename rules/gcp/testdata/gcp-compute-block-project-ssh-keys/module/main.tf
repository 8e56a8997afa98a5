module "bastion" {
  source = "./vm"
  block  = "TRUE"
}

module "legacy" {
  source = "./vm"
  block  = "FALSE"
}
