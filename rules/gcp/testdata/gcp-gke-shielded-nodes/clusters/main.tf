resource "google_container_cluster" "default" {
  name               = "default"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "on" {
  name                  = "on"
  location              = "europe-west1"
  initial_node_count    = 1
  enable_shielded_nodes = true
}

resource "google_container_cluster" "off" {
  name                  = "off"
  location              = "europe-west1"
  initial_node_count    = 1
  enable_shielded_nodes = false
}

resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "europe-west1"
  enable_autopilot = true
}
