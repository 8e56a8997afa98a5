resource "google_container_cluster" "c" {
  for_each           = { prod = "STABLE", lab = "UNSPECIFIED" }
  name               = each.key
  location           = "europe-west1"
  initial_node_count = 1
  release_channel {
    channel = each.value
  }
}
