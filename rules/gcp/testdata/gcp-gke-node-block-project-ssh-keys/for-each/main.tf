locals {
  pools = {
    web   = true
    batch = false
  }
}

resource "google_container_node_pool" "pool" {
  for_each = local.pools
  name     = each.key
  cluster  = "projects/p/locations/europe-west1/clusters/main"
  node_config {
    metadata = {
      "block-project-ssh-keys" = each.value ? "true" : "false"
    }
  }
}
