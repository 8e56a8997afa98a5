resource "google_container_cluster" "default" {
  name               = "default"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "components" {
  name               = "components"
  location           = "europe-west1"
  initial_node_count = 1
  logging_config {
    enable_components = ["SYSTEM_COMPONENTS", "WORKLOADS"]
  }
}

resource "google_container_cluster" "none" {
  name               = "none"
  location           = "europe-west1"
  initial_node_count = 1
  logging_service    = "none"
}

resource "google_container_cluster" "no_components" {
  name               = "no-components"
  location           = "europe-west1"
  initial_node_count = 1
  logging_config {
    enable_components = []
  }
}
