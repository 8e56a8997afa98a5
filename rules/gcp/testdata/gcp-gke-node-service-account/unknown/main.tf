variable "service_account" {
  type = string
}

resource "google_container_node_pool" "from_variable" {
  name    = "from-variable"
  cluster = "projects/p/locations/europe-west1/clusters/main"
  node_config {
    service_account = var.service_account
  }
}
