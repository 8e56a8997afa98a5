resource "google_container_node_pool" "p" {
  for_each = { web = true, batch = false }
  name     = each.key
  cluster  = "projects/p/locations/europe-west1/clusters/main"
  management {
    auto_upgrade = each.value
  }
}
