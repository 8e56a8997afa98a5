module "config" {
  source = "./modules/config"
}
