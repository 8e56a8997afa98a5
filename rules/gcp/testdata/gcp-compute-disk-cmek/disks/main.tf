resource "google_kms_crypto_key" "disks" {
  name     = "disks"
  key_ring = "projects/p/locations/europe-west1/keyRings/main"
}

resource "google_compute_disk" "cmek" {
  name = "cmek"
  zone = "europe-west1-b"
  size = 100
  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.disks.id
  }
}

resource "google_compute_disk" "google_keys" {
  name = "google-keys"
  zone = "europe-west1-b"
  size = 100
}

resource "google_compute_instance" "cmek_boot" {
  name         = "cmek-boot"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  boot_disk {
    kms_key_self_link = google_kms_crypto_key.disks.id
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
}

resource "google_compute_instance" "existing_boot" {
  name         = "existing-boot"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  boot_disk {
    source = google_compute_disk.cmek.self_link
  }
  network_interface {
    network = "default"
  }
}

resource "google_compute_instance_template" "cmek" {
  name         = "cmek"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
    disk_encryption_key {
      kms_key_self_link = "projects/p/locations/europe-west1/keyRings/main/cryptoKeys/disks"
    }
  }
  network_interface {
    network = "default"
  }
}

resource "google_compute_instance_template" "second_disk_plain" {
  name         = "second-disk-plain"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
    disk_encryption_key {
      kms_key_self_link = "projects/p/locations/europe-west1/keyRings/main/cryptoKeys/disks"
    }
  }
  disk {
    disk_size_gb = 200
    boot         = false
  }
  network_interface {
    network = "default"
  }
}

resource "google_compute_instance" "google_keys_boot" {
  name         = "google-keys-boot"
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
