module "uploads" {
  source    = "./modules/fs"
  name      = "uploads"
  encrypted = true
}

module "scratch" {
  source = "./modules/fs"
  name   = "scratch"
}
