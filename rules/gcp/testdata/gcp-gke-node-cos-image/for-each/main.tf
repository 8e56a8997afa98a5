resource "google_container_node_pool" "p" {
  for_each = { web = "COS_CONTAINERD", gpu = "UBUNTU_CONTAINERD" }
  name     = each.key
  cluster  = "projects/p/locations/europe-west1/clusters/main"
  node_config {
    image_type = each.value
  }
}
