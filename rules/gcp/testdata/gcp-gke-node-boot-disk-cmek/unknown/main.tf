variable "kms_key" {
  type = string
}

resource "google_container_node_pool" "from_variable" {
  name    = "from-variable"
  cluster = "projects/p/locations/europe-west1/clusters/main"
  node_config {
    boot_disk_kms_key = var.kms_key
  }
}
