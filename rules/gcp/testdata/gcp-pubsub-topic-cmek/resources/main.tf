resource "google_kms_crypto_key" "k" {
  name     = "k"
  key_ring = "projects/p/locations/europe-west1/keyRings/main"
}

resource "google_pubsub_topic" "by_reference" {
  name = "by_reference"
  kms_key_name = google_kms_crypto_key.k.id
}

resource "google_pubsub_topic" "by_name" {
  name = "by_name"
  kms_key_name = "projects/p/locations/europe-west1/keyRings/main/cryptoKeys/k"
}

resource "google_pubsub_topic" "google_keys" {
  name = "google_keys"
}
