module "logs" {
  source     = "./modules/versioning"
  bucket     = "example-logs"
  mfa_delete = "Enabled"
}

module "cache" {
  source = "./modules/versioning"
  bucket = "example-cache"
}
