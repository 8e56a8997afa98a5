variable "auto" {
  type = bool
}

resource "google_compute_network" "from_variable" {
  name                    = "from-variable"
  auto_create_subnetworks = var.auto
}
