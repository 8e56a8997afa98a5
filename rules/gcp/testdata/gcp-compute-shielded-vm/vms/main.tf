resource "google_compute_instance" "shielded" {
  name         = "shielded"
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
    enable_secure_boot = true
    enable_vtpm = true
    enable_integrity_monitoring = true
  }
}

resource "google_compute_instance" "secure_boot_only" {
  name         = "secure-boot-only"
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
    enable_secure_boot = true
  }
}

resource "google_compute_instance" "plain" {
  name         = "plain"
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
}

resource "google_compute_instance" "no_vtpm" {
  name         = "no-vtpm"
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
    enable_secure_boot = true
    enable_vtpm = false
  }
}

resource "google_compute_instance_template" "template_shielded" {
  name         = "template-shielded"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "default"
  }
  shielded_instance_config {
    enable_secure_boot = true
  }
}

resource "google_compute_instance_template" "template_plain" {
  name         = "template-plain"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "default"
  }
}
