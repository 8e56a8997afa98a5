resource "google_compute_firewall" "ssh_world" {
  name          = "ssh-world"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22", "443"]
  }
}

resource "google_compute_firewall" "rdp_range" {
  name          = "rdp-range"
  network       = "main"
  source_ranges = ["::/0"]
  allow {
    protocol = "tcp"
    ports    = ["3000-4000"]
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

resource "google_compute_firewall" "iap_ssh" {
  name          = "iap-ssh"
  network       = "main"
  source_ranges = ["35.235.240.0/20"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "https_world" {
  for_each      = toset(["web", "api"])
  name          = "https-${each.key}"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["443", "8000-8080"]
  }
}

resource "google_compute_firewall" "disabled_ssh" {
  name          = "disabled-ssh"
  network       = "main"
  disabled      = true
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "egress" {
  name               = "egress"
  network            = "main"
  direction          = "EGRESS"
  destination_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
