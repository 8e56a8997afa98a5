resource "google_container_cluster" "wi" {
  name                     = "wi"
  location                 = "europe-west1"
  remove_default_node_pool = true
  initial_node_count       = 1
  workload_identity_config {
    workload_pool = "acme-prod.svc.id.goog"
  }
}

resource "google_container_cluster" "plain" {
  name               = "plain"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_node_pool" "explicit" {
  name    = "explicit"
  cluster = "projects/p/locations/europe-west1/clusters/elsewhere"
  node_config {
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}

resource "google_container_node_pool" "inherits" {
  name    = "inherits"
  cluster = google_container_cluster.wi.id
}

resource "google_container_node_pool" "exposed" {
  name    = "exposed"
  cluster = google_container_cluster.wi.id
  node_config {
    workload_metadata_config {
      mode = "GCE_METADATA"
    }
  }
}

resource "google_container_node_pool" "plain_pool" {
  name    = "plain-pool"
  cluster = google_container_cluster.plain.name
}
