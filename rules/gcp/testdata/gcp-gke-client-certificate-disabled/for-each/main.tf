resource "google_container_cluster" "c" {
  for_each           = { prod = false, legacy = true }
  name               = each.key
  location           = "europe-west1"
  initial_node_count = 1
  master_auth {
    client_certificate_config {
      issue_client_certificate = each.value
    }
  }
}
