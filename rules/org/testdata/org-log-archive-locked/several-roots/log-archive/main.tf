module "archive" {
  source = "./modules/archive"
  name   = "example-org-log-archive"
}
