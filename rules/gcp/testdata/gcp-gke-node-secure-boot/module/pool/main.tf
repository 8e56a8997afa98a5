variable "secure_boot" {
  type = bool
}

resource "google_container_node_pool" "this" {
  name    = "pool"
  cluster = "projects/p/locations/europe-west1/clusters/main"
  node_config {
    shielded_instance_config {
      enable_secure_boot = var.secure_boot
    }
  }
}
