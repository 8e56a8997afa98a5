variable "image" {
  type = string
}

variable "drop_default_pool" {
  type = bool
}

resource "google_container_node_pool" "from_variable" {
  name    = "from-variable"
  cluster = "projects/p/locations/europe-west1/clusters/main"
  node_config {
    image_type = var.image
  }
}

resource "google_container_cluster" "maybe_default_pool" {
  name                     = "maybe"
  location                 = "europe-west1"
  remove_default_node_pool = var.drop_default_pool
  initial_node_count       = 1
  node_config {
    image_type = "UBUNTU_CONTAINERD"
  }
}
