resource "google_container_cluster" "c" {
  for_each                    = { prod = true, lab = false }
  name                        = each.key
  location                    = "europe-west1"
  initial_node_count          = 1
  enable_intranode_visibility = each.value
}
