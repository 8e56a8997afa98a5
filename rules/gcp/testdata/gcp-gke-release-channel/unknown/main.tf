variable "channel" {
  type = string
}

resource "google_container_cluster" "from_variable" {
  name               = "from-variable"
  location           = "europe-west1"
  initial_node_count = 1
  release_channel {
    channel = var.channel
  }
}
