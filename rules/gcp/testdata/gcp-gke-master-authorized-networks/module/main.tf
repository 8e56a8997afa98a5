module "gke" {
  source   = "./gke"
  networks = ["10.0.0.0/8"]
}

module "gke_open" {
  source   = "./gke"
  networks = ["10.0.0.0/8", "0.0.0.0/0"]
}
