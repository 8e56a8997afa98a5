resource "google_compute_security_policy" "waf" {
  name = "waf"
}

resource "google_compute_backend_service" "protected" {
  name                  = "protected"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  security_policy       = google_compute_security_policy.waf.id
}

resource "google_compute_backend_service" "exposed" {
  name = "exposed"
}

resource "google_compute_backend_service" "internal" {
  name                  = "internal"
  load_balancing_scheme = "INTERNAL_MANAGED"
}
