resource "google_container_cluster" "regular" {
  name               = "regular"
  location           = "europe-west1"
  initial_node_count = 1
  release_channel {
    channel = "REGULAR"
  }
}

resource "google_container_cluster" "none" {
  name               = "none"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "unspecified" {
  name               = "unspecified"
  location           = "europe-west1"
  initial_node_count = 1
  release_channel {
    channel = "UNSPECIFIED"
  }
}

resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "europe-west1"
  enable_autopilot = true
}
