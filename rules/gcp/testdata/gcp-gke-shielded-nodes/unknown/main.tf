variable "shielded" {
  type = bool
}

variable "autopilot" {
  type = bool
}

resource "google_container_cluster" "from_variable" {
  name                  = "from-variable"
  location              = "europe-west1"
  initial_node_count    = 1
  enable_shielded_nodes = var.shielded
}

resource "google_container_cluster" "maybe_autopilot" {
  name                  = "maybe-autopilot"
  location              = "europe-west1"
  enable_autopilot      = var.autopilot
  enable_shielded_nodes = false
}
