resource "google_kms_crypto_key" "gke" {
  name     = "gke"
  key_ring = "projects/p/locations/europe-west1/keyRings/main"
}

resource "google_container_cluster" "encrypted" {
  name               = "encrypted"
  location           = "europe-west1"
  initial_node_count = 1
  database_encryption {
    state    = "ENCRYPTED"
    key_name = google_kms_crypto_key.gke.id
  }
}

resource "google_container_cluster" "none" {
  name               = "none"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "decrypted" {
  name               = "decrypted"
  location           = "europe-west1"
  initial_node_count = 1
  database_encryption {
    state = "DECRYPTED"
  }
}
