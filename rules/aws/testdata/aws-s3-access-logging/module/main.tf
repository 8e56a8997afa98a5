module "site" {
  source  = "./modules/site"
  name    = "acme-site"
  log_to  = "acme-central-logs"
}

module "tmp" {
  source = "./modules/site"
  name   = "acme-tmp"
}
