resource "google_compute_instance" "bastion" {
  name         = "bastion"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "main"
    access_config {}
  }
}

resource "google_compute_instance" "private" {
  for_each     = toset(["a", "b"])
  name         = "private-${each.key}"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    subnetwork = "app"
  }
}

resource "google_compute_instance_template" "public_workers" {
  name_prefix  = "workers-"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "main"
    access_config {
      network_tier = "PREMIUM"
    }
  }
}
