variable "key" {
  type = string
}

resource "google_compute_disk" "from_variable" {
  name = "from-variable"
  zone = "europe-west1-b"
  disk_encryption_key {
    kms_key_self_link = var.key
  }
}

resource "google_compute_instance" "boot_from_variable" {
  name         = "boot-from-variable"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  boot_disk {
    kms_key_self_link = var.key
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
}
