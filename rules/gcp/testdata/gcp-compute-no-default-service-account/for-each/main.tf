resource "google_compute_instance" "vm" {
  for_each     = { api = "api@acme.iam.gserviceaccount.com", legacy = "123-compute@developer.gserviceaccount.com" }
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
  service_account {
    email  = each.value
    scopes = ["cloud-platform"]
  }
}
