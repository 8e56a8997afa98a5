resource "google_container_cluster" "c" {
  for_each           = { prod = "logging.googleapis.com/kubernetes", lab = "none" }
  name               = each.key
  location           = "europe-west1"
  initial_node_count = 1
  logging_service    = each.value
}
