module "frank" {
  source = "./modules/person"
  name   = "frank"
  reset  = true
}

module "grace" {
  source = "./modules/person"
  name   = "grace"
  reset  = false
}
