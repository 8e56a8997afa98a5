module "web" {
  source = "./vm"
  scopes = ["cloud-platform"]
}

module "worker" {
  source = "./vm"
  scopes = ["logging-write"]
}
