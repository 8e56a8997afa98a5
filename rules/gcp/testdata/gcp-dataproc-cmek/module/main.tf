module "keyed" {
  source = "./r"
  key    = "projects/p/locations/europe-west1/keyRings/main/cryptoKeys/k"
}

module "plain" {
  source = "./r"
}
