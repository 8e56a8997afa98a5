variable "visible" {
  type = bool
}

resource "google_container_cluster" "from_variable" {
  name                        = "from-variable"
  location                    = "europe-west1"
  initial_node_count          = 1
  enable_intranode_visibility = var.visible
}
