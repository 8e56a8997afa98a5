variable "min_tls" {
  type = string
}

resource "google_compute_ssl_policy" "from_variable" {
  name = "from-variable"
  min_tls_version = var.min_tls
  profile = "MODERN"
}
