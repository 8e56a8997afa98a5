module "orders" {
  source = "./db"
  pitr   = true
}

module "scratch" {
  source = "./db"
  pitr   = false
}
