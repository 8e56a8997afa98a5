resource "google_compute_instance" "vm" {
  for_each     = { api = true, legacy = false }
  name         = each.key
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
    enable_secure_boot = each.value
  }
}
