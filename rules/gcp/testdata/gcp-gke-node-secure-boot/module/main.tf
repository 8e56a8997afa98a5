module "pool" {
  source      = "./pool"
  secure_boot = true
}

module "legacy_pool" {
  source      = "./pool"
  secure_boot = false
}
