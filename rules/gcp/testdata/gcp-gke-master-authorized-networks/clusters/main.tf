resource "google_container_cluster" "restricted" {
  name               = "restricted"
  location           = "europe-west1"
  initial_node_count = 1
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "office"
    }
  }
}

resource "google_container_cluster" "open" {
  name               = "open"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "anyone" {
  name               = "anyone"
  location           = "europe-west1"
  initial_node_count = 1
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block = "0.0.0.0/0"
    }
  }
}

resource "google_container_cluster" "google_cloud" {
  name               = "google-cloud"
  location           = "europe-west1"
  initial_node_count = 1
  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = true
  }
}
