resource "google_compute_instance" "blocked" {
  name         = "blocked"
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
    "block-project-ssh-keys" = "TRUE"
  }
}

resource "google_compute_instance" "oslogin" {
  name         = "oslogin"
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
    "enable-oslogin" = "true"
  }
}

resource "google_compute_instance" "open" {
  name         = "open"
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

resource "google_compute_instance" "explicitly_open" {
  name         = "explicitly-open"
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
    "block-project-ssh-keys" = "FALSE"
  }
}

resource "google_compute_instance_template" "template_blocked" {
  name         = "template-blocked"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "default"
  }
  metadata = {
    "block-project-ssh-keys" = true
  }
}

resource "google_compute_instance_template" "template_open" {
  name         = "template-open"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "default"
  }
}
