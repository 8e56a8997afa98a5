variable "forward" {
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
  can_ip_forward = var.forward
}
