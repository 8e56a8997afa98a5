resource "google_storage_bucket" "uniform" {
  name                        = "acme-uniform"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket" "fine_grained" {
  name     = "acme-fine-grained"
  location = "EU"
}

resource "google_storage_bucket" "off" {
  name                        = "acme-off"
  location                    = "EU"
  uniform_bucket_level_access = false
}

module "logs" {
  source = "./bucket"
  name   = "acme-logs"
}
