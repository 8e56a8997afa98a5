module "web" {
  source = "./fw"
  ports  = ["443"]
}

module "db" {
  source = "./fw"
  ports  = [1433]
}
