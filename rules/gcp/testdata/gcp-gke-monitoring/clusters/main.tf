resource "google_container_cluster" "default" {
  name               = "default"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "prometheus_only" {
  name               = "prometheus-only"
  location           = "europe-west1"
  initial_node_count = 1
  monitoring_config {
    managed_prometheus {
      enabled = true
    }
  }
}

resource "google_container_cluster" "none" {
  name               = "none"
  location           = "europe-west1"
  initial_node_count = 1
  monitoring_service = "none"
}

resource "google_container_cluster" "no_components" {
  name               = "no-components"
  location           = "europe-west1"
  initial_node_count = 1
  monitoring_config {
    enable_components = []
  }
}
