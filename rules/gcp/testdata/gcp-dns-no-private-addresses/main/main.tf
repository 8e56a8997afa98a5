variable "zone" {
  type = string
}

resource "google_dns_managed_zone" "public" {
  name     = "example-com"
  dns_name = "example.com."
}

resource "google_dns_managed_zone" "internal" {
  name       = "corp-internal"
  dns_name   = "corp.internal."
  visibility = "private"
  private_visibility_config {
    networks {
      network_url = "projects/acme/global/networks/main"
    }
  }
}

resource "google_compute_instance" "db" {
  name         = "db"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "main"
  }
}

resource "google_dns_record_set" "www" {
  managed_zone = google_dns_managed_zone.public.name
  name         = "www.example.com."
  type         = "A"
  ttl          = 300
  rrdatas      = ["203.0.113.10"]
}

resource "google_dns_record_set" "db" {
  managed_zone = "example-com"
  name         = "db.example.com."
  type         = "A"
  ttl          = 300
  rrdatas      = ["10.128.0.12"]
}

resource "google_dns_record_set" "hosts" {
  for_each     = { cache = "172.16.5.4", api = "198.51.100.7" }
  managed_zone = google_dns_managed_zone.public.name
  name         = "${each.key}.example.com."
  type         = "A"
  ttl          = 300
  rrdatas      = [each.value]
}

resource "google_dns_record_set" "db_internal" {
  managed_zone = google_dns_managed_zone.internal.name
  name         = "db.corp.internal."
  type         = "A"
  ttl          = 300
  rrdatas      = [google_compute_instance.db.network_interface[0].network_ip]
}

resource "google_dns_record_set" "db_computed" {
  managed_zone = google_dns_managed_zone.public.name
  name         = "db2.example.com."
  type         = "A"
  ttl          = 300
  rrdatas      = [google_compute_instance.db.network_interface[0].network_ip]
}

resource "google_dns_record_set" "elsewhere" {
  managed_zone = var.zone
  name         = "cache2.example.com."
  type         = "A"
  ttl          = 300
  rrdatas      = ["10.0.0.9"]
}
