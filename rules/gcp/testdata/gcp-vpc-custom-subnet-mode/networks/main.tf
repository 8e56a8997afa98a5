resource "google_compute_network" "custom" {
  name                    = "custom"
  auto_create_subnetworks = false
}

resource "google_compute_network" "auto" {
  name = "auto"
}
