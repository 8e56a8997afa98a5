variable "enabled" {
  type = bool
}

resource "google_container_node_pool" "from_variable" {
  name    = "from-variable"
  cluster = "projects/p/locations/europe-west1/clusters/main"
  management {
    auto_upgrade = var.enabled
  }
}
