resource "google_service_account" "nodes" {
  account_id = "gke-nodes"
}

resource "google_container_cluster" "default_pool" {
  name               = "default-pool"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "main" {
  name                     = "main"
  location                 = "europe-west1"
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_node_pool" "dedicated" {
  name    = "dedicated"
  cluster = google_container_cluster.main.id
  node_config {
    service_account = google_service_account.nodes.email
  }
}

resource "google_container_node_pool" "literal" {
  name    = "literal"
  cluster = google_container_cluster.main.id
  node_config {
    service_account = "gke-nodes@acme-prod.iam.gserviceaccount.com"
  }
}

resource "google_container_node_pool" "compute_default" {
  name    = "compute-default"
  cluster = google_container_cluster.main.id
  node_config {
    service_account = "123456789-compute@developer.gserviceaccount.com"
  }
}

resource "google_container_node_pool" "unset" {
  name    = "unset"
  cluster = google_container_cluster.main.id
  node_config {
    machine_type = "e2-standard-4"
  }
}
