module "protected" {
  source = "./modules/api"
  waf    = true
}

module "exposed" {
  source = "./modules/api"
}
