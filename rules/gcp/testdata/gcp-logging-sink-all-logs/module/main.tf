module "app" {
  source = "./project"
  name   = "app"
  export = true
}

module "lab" {
  source = "./project"
  name   = "lab"
  export = false
}
