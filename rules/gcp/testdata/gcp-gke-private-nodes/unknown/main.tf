variable "private" {
  type = bool
}

resource "google_container_cluster" "from_variable" {
  name               = "from-variable"
  location           = "europe-west1"
  initial_node_count = 1
  private_cluster_config {
    enable_private_nodes = var.private
  }
}
