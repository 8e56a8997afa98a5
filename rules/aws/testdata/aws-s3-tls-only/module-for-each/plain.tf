module "no_tls" {
  source      = "./modules/bucket"
  name        = "acme-no-tls"
  enforce_tls = false
}
