module "deployer" {
  source   = "./sa"
  with_key = true
}

module "runner" {
  source   = "./sa"
  with_key = false
}
