resource "google_container_cluster" "c" {
  for_each           = { prod = "ENCRYPTED", lab = "DECRYPTED" }
  name               = each.key
  location           = "europe-west1"
  initial_node_count = 1
  database_encryption {
    state    = each.value
    key_name = "projects/p/locations/europe-west1/keyRings/main/cryptoKeys/gke"
  }
}
