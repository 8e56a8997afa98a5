resource "google_container_cluster" "dataplane_v2" {
  for_each           = toset(["prod", "stage"])
  name               = each.key
  location           = "europe-west1"
  initial_node_count = 1
  datapath_provider  = "ADVANCED_DATAPATH"
}

resource "google_container_cluster" "calico" {
  name               = "calico"
  location           = "europe-west1"
  initial_node_count = 1
  network_policy {
    enabled  = true
    provider = "CALICO"
  }
}

resource "google_container_cluster" "flat" {
  name               = "flat"
  location           = "europe-west1"
  initial_node_count = 1
}
