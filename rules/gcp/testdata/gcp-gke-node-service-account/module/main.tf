module "with_account" {
  source          = "./pool"
  service_account = "gke@acme.iam.gserviceaccount.com"
}

module "without_account" {
  source = "./pool"
}
