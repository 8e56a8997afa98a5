resource "google_compute_project_metadata" "on" {
  project = "acme-prod"
  metadata = {
    enable-oslogin = "TRUE"
  }
}

resource "google_compute_project_metadata" "off" {
  project = "acme-lab"
  metadata = {
    ssh-keys = "alice:ssh-ed25519 AAAA alice"
  }
}

resource "google_compute_project_metadata_item" "oslogin" {
  project = "acme-stage"
  key     = "enable-oslogin"
  value   = "TRUE"
}

resource "google_compute_project_metadata_item" "oslogin_off" {
  project = "acme-dev"
  key     = "enable-oslogin"
  value   = "FALSE"
}

resource "google_compute_project_metadata_item" "other" {
  project = "acme-dev"
  key     = "startup-script"
  value   = "echo hi"
}

resource "google_compute_instance" "inherits" {
  name         = "inherits"
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

resource "google_compute_instance" "opted_out" {
  name         = "opted-out"
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
    "enable-oslogin" = "FALSE"
  }
}

resource "google_compute_instance_template" "template_on" {
  name         = "template-on"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "default"
  }
  metadata = {
    "enable-oslogin" = "TRUE"
  }
}
