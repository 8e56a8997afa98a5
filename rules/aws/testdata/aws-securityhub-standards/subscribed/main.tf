module "hub" {
  source = "./modules/hub"
}
