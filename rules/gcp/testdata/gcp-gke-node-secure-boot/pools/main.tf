resource "google_container_cluster" "main" {
  name                     = "main"
  location                 = "europe-west1"
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_cluster" "default_pool" {
  name               = "default-pool"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "europe-west1"
  enable_autopilot = true
}

resource "google_container_node_pool" "shielded" {
  name    = "shielded"
  cluster = google_container_cluster.main.id
  node_config {
    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }
  }
}

resource "google_container_node_pool" "no_secure_boot" {
  name    = "no-secure-boot"
  cluster = google_container_cluster.main.id
  node_config {
    machine_type = "e2-standard-4"
  }
}

resource "google_container_node_pool" "no_integrity" {
  name    = "no-integrity"
  cluster = google_container_cluster.main.id
  node_config {
    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = false
    }
  }
}
