resource "google_compute_subnetwork" "app" {
  for_each      = { a = "10.0.0.0/20", b = "10.0.16.0/20" }
  name          = "app-${each.key}"
  network       = "main"
  region        = "europe-west1"
  ip_cidr_range = each.value
  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_subnetwork" "silent" {
  name          = "silent"
  network       = "main"
  region        = "europe-west1"
  ip_cidr_range = "10.0.32.0/20"
}

resource "google_compute_subnetwork" "proxy" {
  name          = "proxy"
  network       = "main"
  region        = "europe-west1"
  ip_cidr_range = "10.0.48.0/23"
  purpose       = "REGIONAL_MANAGED_PROXY"
  role          = "ACTIVE"
}
