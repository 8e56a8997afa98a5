resource "google_dns_managed_zone" "z" {
  for_each = { shop = "ecdsap256sha256", legacy = "rsasha1" }
  name     = each.key
  dns_name = "${each.key}.example.com."
  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = each.value
      key_length = 256
      key_type   = "zoneSigning"
    }
  }
}
