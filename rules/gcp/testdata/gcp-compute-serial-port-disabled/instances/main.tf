resource "google_compute_instance" "debug" {
  name         = "debug"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  metadata = {
    "serial-port-enable" = "TRUE"
  }
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "main"
  }
}

resource "google_compute_instance_template" "workers" {
  name_prefix  = "workers-"
  machine_type = "e2-small"
  metadata = {
    "serial-port-enable" = true
  }
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "main"
  }
}

resource "google_compute_instance" "plain" {
  for_each     = toset(["a", "b"])
  name         = "plain-${each.key}"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  metadata = {
    "enable-oslogin" = "TRUE"
  }
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "main"
  }
}

resource "google_compute_instance" "off" {
  name         = "off"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  metadata = {
    "serial-port-enable" = "false"
  }
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "main"
  }
}
