variable "sources" {
  type = list(string)
}

resource "google_compute_firewall" "from_variable" {
  name          = "from-variable"
  network       = "main"
  source_ranges = var.sources
  allow {
    protocol = "all"
  }
}
