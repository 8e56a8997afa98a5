variable "networks" {
  type = list(string)
}

resource "google_container_cluster" "from_variable" {
  name               = "from-variable"
  location           = "europe-west1"
  initial_node_count = 1
  master_authorized_networks_config {
    dynamic "cidr_blocks" {
      for_each = var.networks
      content {
        cidr_block = cidr_blocks.value
      }
    }
  }
}
