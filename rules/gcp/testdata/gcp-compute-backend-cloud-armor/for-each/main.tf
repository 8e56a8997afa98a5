resource "google_compute_backend_service" "b" {
  for_each              = { shop = "projects/p/global/securityPolicies/waf", admin = null }
  name                  = each.key
  load_balancing_scheme = "EXTERNAL_MANAGED"
  security_policy       = each.value
}
