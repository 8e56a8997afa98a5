resource "google_kms_crypto_key" "k" {
  name     = "k"
  key_ring = "projects/p/locations/europe-west1/keyRings/main"
}

resource "google_bigquery_dataset" "by_reference" {
  dataset_id = "by_reference"
  location   = "EU"
  default_encryption_configuration {
    kms_key_name = google_kms_crypto_key.k.id
  }
}

resource "google_bigquery_dataset" "by_name" {
  dataset_id = "by_name"
  location   = "EU"
  default_encryption_configuration {
    kms_key_name = "projects/p/locations/europe-west1/keyRings/main/cryptoKeys/k"
  }
}

resource "google_bigquery_dataset" "google_keys" {
  dataset_id = "google_keys"
  location   = "EU"
}
