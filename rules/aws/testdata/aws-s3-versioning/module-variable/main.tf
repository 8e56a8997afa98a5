module "archive" {
  source     = "./modules/bucket"
  name       = "acme-archive"
  versioning = "Enabled"
}

module "cache" {
  source = "./modules/bucket"
  name   = "acme-cache"
}
