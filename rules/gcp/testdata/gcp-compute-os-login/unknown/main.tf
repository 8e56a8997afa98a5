variable "oslogin" {
  type = string
}

resource "google_compute_project_metadata_item" "from_variable" {
  project = "acme-prod"
  key     = "enable-oslogin"
  value   = var.oslogin
}

resource "google_compute_instance" "vm_from_variable" {
  name         = "vm-from-variable"
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
    "enable-oslogin" = var.oslogin
  }
}
