module "protected" {
  source      = "./modules/cache"
  user_groups = ["app"]
}

module "open" {
  source = "./modules/cache"
}
