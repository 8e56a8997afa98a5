variable "secure_boot" {
  type = bool
}

resource "google_compute_instance" "from_variable" {
  name         = "from-variable"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
  shielded_instance_config {
    enable_secure_boot = var.secure_boot
  }
}
