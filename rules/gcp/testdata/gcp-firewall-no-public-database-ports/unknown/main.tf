variable "ports" {
  type = list(string)
}

resource "google_compute_firewall" "from_variable" {
  name          = "from-variable"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = var.ports
  }
}
