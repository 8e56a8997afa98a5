module "audit" {
  source       = "./modules/trail"
  name         = "audit"
  multi_region = true
}

module "dev" {
  source = "./modules/trail"
  name   = "dev"
}
