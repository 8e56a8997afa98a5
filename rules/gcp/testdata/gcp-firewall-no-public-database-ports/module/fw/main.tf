variable "ports" {
  type = list(any)
}

resource "google_compute_firewall" "this" {
  name          = "this"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = var.ports
  }
}
