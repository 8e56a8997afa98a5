variable "admin_cidrs" {
  type = list(string)
}

resource "google_compute_firewall" "admin_from_variable" {
  name          = "admin-from-variable"
  network       = "main"
  source_ranges = var.admin_cidrs
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
