locals {
  clusters = { prod = true, lab = false }
}

resource "google_container_cluster" "c" {
  for_each              = local.clusters
  name                  = each.key
  location              = "europe-west1"
  initial_node_count    = 1
  enable_shielded_nodes = each.value
}
