resource "google_container_cluster" "private" {
  for_each           = toset(["prod", "staging"])
  name               = each.key
  location           = "europe-west1"
  initial_node_count = 1
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.0.32/28"
  }
}

resource "google_container_cluster" "public" {
  name               = "public"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "endpoint_only" {
  name               = "endpoint-only"
  location           = "europe-west1"
  initial_node_count = 1
  private_cluster_config {
    enable_private_nodes = false
  }
}
