resource "google_kms_crypto_key" "bucket" {
  name     = "bucket"
  key_ring = "projects/p/locations/europe/keyRings/main"
}

resource "google_storage_bucket" "by_reference" {
  name     = "acme-by-reference"
  location = "EU"
  encryption {
    default_kms_key_name = google_kms_crypto_key.bucket.id
  }
}

resource "google_storage_bucket" "google_keys" {
  name     = "acme-google-keys"
  location = "EU"
}

module "assets" {
  source = "./bucket"
  key    = "projects/p/locations/europe/keyRings/main/cryptoKeys/assets"
}

module "scratch" {
  source = "./bucket"
}
