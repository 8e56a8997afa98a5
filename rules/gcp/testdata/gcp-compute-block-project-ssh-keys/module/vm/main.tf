variable "block" {
  type = string
}

resource "google_compute_instance" "this" {
  name         = "this"
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
  metadata = {
    "block-project-ssh-keys" = var.block
  }
}
