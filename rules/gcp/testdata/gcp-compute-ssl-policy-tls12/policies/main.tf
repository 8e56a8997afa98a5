resource "google_compute_ssl_policy" "modern" {
  name = "modern"
  min_tls_version = "TLS_1_2"
  profile = "MODERN"
}

resource "google_compute_ssl_policy" "default" {
  name = "default"
}

resource "google_compute_ssl_policy" "compatible_tls12" {
  name = "compatible-tls12"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_ssl_policy" "modern_tls10" {
  name = "modern-tls10"
  profile = "MODERN"
}

resource "google_compute_region_ssl_policy" "regional_restricted" {
  name = "regional-restricted"
  region = "europe-west1"
  min_tls_version = "TLS_1_2"
  profile = "RESTRICTED"
}

resource "google_compute_region_ssl_policy" "regional_old" {
  name = "regional-old"
  region = "europe-west1"
  min_tls_version = "TLS_1_1"
  profile = "MODERN"
}
