variable "mode" {
  type = string
}

resource "google_container_node_pool" "from_variable" {
  name    = "from-variable"
  cluster = "projects/p/locations/europe-west1/clusters/main"
  node_config {
    workload_metadata_config {
      mode = var.mode
    }
  }
}

resource "google_container_node_pool" "cluster_elsewhere" {
  name    = "cluster-elsewhere"
  cluster = "projects/p/locations/europe-west1/clusters/main"
}
