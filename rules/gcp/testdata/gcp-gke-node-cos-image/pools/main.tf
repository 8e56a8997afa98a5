resource "google_container_cluster" "ubuntu_default_pool" {
  name               = "ubuntu"
  location           = "europe-west1"
  initial_node_count = 1
  node_config {
    image_type = "UBUNTU_CONTAINERD"
  }
}

resource "google_container_cluster" "main" {
  name                     = "main"
  location                 = "europe-west1"
  remove_default_node_pool = true
  initial_node_count       = 1
  node_config {
    image_type = "UBUNTU_CONTAINERD"
  }
}

resource "google_container_node_pool" "cos" {
  name    = "cos"
  cluster = google_container_cluster.main.id
  node_config {
    image_type = "cos_containerd"
  }
}

resource "google_container_node_pool" "default_image" {
  name    = "default-image"
  cluster = google_container_cluster.main.id
}

resource "google_container_node_pool" "windows" {
  name    = "windows"
  cluster = google_container_cluster.main.id
  node_config {
    image_type = "WINDOWS_LTSC_CONTAINERD"
  }
}
