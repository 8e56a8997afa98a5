resource "google_container_node_pool" "p" {
  for_each = { web = "GKE_METADATA", legacy = "GCE_METADATA" }
  name     = each.key
  cluster  = "projects/p/locations/europe-west1/clusters/main"
  node_config {
    workload_metadata_config {
      mode = each.value
    }
  }
}
