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

variable "direction" {
  type = string
}

resource "google_compute_firewall" "direction_from_variable" {
  name          = "direction-from-variable"
  network       = "main"
  direction     = var.direction
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

variable "ports" {
  type = list(string)
}

resource "google_compute_firewall" "ports_from_variable" {
  name          = "ports-from-variable"
  network       = "main"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = var.ports
  }
}
