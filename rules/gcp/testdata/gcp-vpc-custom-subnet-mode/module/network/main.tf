variable "auto" {
  type = bool
}

resource "google_compute_network" "this" {
  name                    = "net"
  auto_create_subnetworks = var.auto
}
