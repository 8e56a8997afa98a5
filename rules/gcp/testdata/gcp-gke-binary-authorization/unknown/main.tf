variable "mode" {
  type = string
}

resource "google_container_cluster" "from_variable" {
  name               = "from-variable"
  location           = "europe-west1"
  initial_node_count = 1
  binary_authorization {
    evaluation_mode = var.mode
  }
}
