resource "google_container_node_pool" "default" {
  name    = "default"
  cluster = "projects/p/locations/europe-west1/clusters/main"
}

resource "google_container_node_pool" "on" {
  name    = "on"
  cluster = "projects/p/locations/europe-west1/clusters/main"
  management {
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "off" {
  name    = "off"
  cluster = "projects/p/locations/europe-west1/clusters/main"
  management {
    auto_upgrade = false
  }
}
