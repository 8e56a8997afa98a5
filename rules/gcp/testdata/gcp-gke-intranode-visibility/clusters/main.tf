resource "google_container_cluster" "visible" {
  name                        = "visible"
  location                    = "europe-west1"
  initial_node_count          = 1
  enable_intranode_visibility = true
}

resource "google_container_cluster" "default" {
  name               = "default"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "europe-west1"
  enable_autopilot = true
}

resource "google_container_cluster" "autopilot_off" {
  name                        = "autopilot-off"
  location                    = "europe-west1"
  enable_autopilot            = true
  enable_intranode_visibility = false
}
