resource "google_compute_ssl_policy" "p" {
  for_each        = { shop = "TLS_1_2", legacy = "TLS_1_0" }
  name            = each.key
  min_tls_version = each.value
  profile         = "MODERN"
}
