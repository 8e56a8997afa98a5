resource "google_compute_subnetwork" "private_access" {
  name                     = "private-access"
  network                  = "main"
  region                   = "europe-west1"
  ip_cidr_range            = "10.0.0.0/20"
  private_ip_google_access = true
}

resource "google_compute_subnetwork" "no_access" {
  name          = "no-access"
  network       = "main"
  region        = "europe-west1"
  ip_cidr_range = "10.0.16.0/20"
}

resource "google_compute_subnetwork" "proxy_only" {
  name          = "proxy-only"
  network       = "main"
  region        = "europe-west1"
  ip_cidr_range = "10.0.32.0/24"
  purpose       = "REGIONAL_MANAGED_PROXY"
  role          = "ACTIVE"
}
