resource "google_container_cluster" "main" {
  name                     = "main"
  location                 = "europe-west1"
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_cluster" "default_pool" {
  name               = "with-default-pool"
  location           = "europe-west1"
  initial_node_count = 3
}

resource "google_container_node_pool" "blocked" {
  name    = "blocked"
  cluster = google_container_cluster.main.id
  node_config {
    machine_type = "e2-standard-4"
    metadata = {
      "block-project-ssh-keys"   = "TRUE"
      "disable-legacy-endpoints" = "true"
    }
  }
}

resource "google_container_node_pool" "open" {
  name    = "open"
  cluster = google_container_cluster.main.id
  node_config {
    machine_type = "e2-standard-4"
    metadata = {
      "disable-legacy-endpoints" = "true"
    }
  }
}

resource "google_container_node_pool" "explicitly_off" {
  name    = "explicitly-off"
  cluster = google_container_cluster.main.id
  node_config {
    metadata = {
      "block-project-ssh-keys" = "false"
    }
  }
}
