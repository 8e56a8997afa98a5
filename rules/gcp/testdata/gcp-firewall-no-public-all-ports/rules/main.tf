resource "google_compute_firewall" "https" {
  name          = "https"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

resource "google_compute_firewall" "everything" {
  name          = "everything"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "all_tcp" {
  name          = "all-tcp"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
  }
}

resource "google_compute_firewall" "udp_range" {
  name          = "udp-range"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "udp"
    ports    = ["0-65535"]
  }
}

resource "google_compute_firewall" "internal_all" {
  name          = "internal-all"
  network       = "main"
  source_ranges = ["10.0.0.0/8"]
  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "egress_all" {
  name          = "egress-all"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "all"
  }
  direction     = "EGRESS"
  destination_ranges = ["0.0.0.0/0"]
}
