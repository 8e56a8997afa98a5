module "app" {
  source = "./project"
  name   = "app"
  types  = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]
}

module "lab" {
  source = "./project"
  name   = "lab"
  types  = ["ADMIN_READ"]
}
