variable "service_account" {
  type    = string
  default = null
}

resource "google_container_node_pool" "this" {
  name    = "pool"
  cluster = "projects/p/locations/europe-west1/clusters/main"
  node_config {
    service_account = var.service_account
  }
}
