resource "google_service_account" "app" {
  account_id = "app"
}

resource "google_compute_instance" "dedicated" {
  name         = "dedicated"
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
  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_instance" "no_account" {
  name         = "no-account"
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

resource "google_compute_instance" "implicit_default" {
  name         = "implicit-default"
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
  service_account {
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_instance" "explicit_default" {
  name         = "explicit-default"
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
  service_account {
    email  = "123456789-compute@developer.gserviceaccount.com"
    scopes = ["logging-write"]
  }
}

resource "google_compute_instance_template" "template_default" {
  name         = "template-default"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "default"
  }
  service_account {
    email  = "default"
    scopes = ["logging-write"]
  }
}

resource "google_compute_instance_template" "template_dedicated" {
  name         = "template-dedicated"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "default"
  }
  service_account {
    email  = "app@acme.iam.gserviceaccount.com"
  }
}
