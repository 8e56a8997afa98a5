resource "google_kms_crypto_key" "nodes" {
  name     = "gke-nodes"
  key_ring = "projects/p/locations/europe-west1/keyRings/gke"
}

resource "google_container_cluster" "main" {
  name                     = "main"
  location                 = "europe-west1"
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_cluster" "default_pool" {
  name               = "default-pool"
  location           = "europe-west1"
  initial_node_count = 1
  node_config {
    boot_disk_kms_key = google_kms_crypto_key.nodes.id
  }
}

resource "google_container_node_pool" "encrypted" {
  for_each = toset(["web", "batch"])
  name     = each.key
  cluster  = google_container_cluster.main.id
  node_config {
    boot_disk_kms_key = "projects/p/locations/europe-west1/keyRings/gke/cryptoKeys/gke-nodes"
  }
}

resource "google_container_node_pool" "google_keys" {
  name    = "google-keys"
  cluster = google_container_cluster.main.id
  node_config {
    machine_type = "e2-standard-4"
  }
}
