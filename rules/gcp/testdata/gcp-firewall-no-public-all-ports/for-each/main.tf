resource "google_compute_firewall" "f" {
  for_each      = { web = ["80", "443"], debug = [] }
  name          = each.key
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = each.value
  }
}
