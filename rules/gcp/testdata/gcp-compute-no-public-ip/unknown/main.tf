variable "public" {
  type = bool
}

resource "google_compute_instance" "maybe_public" {
  name         = "maybe-public"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "main"
    dynamic "access_config" {
      for_each = var.public ? [1] : []
      content {}
    }
  }
}
