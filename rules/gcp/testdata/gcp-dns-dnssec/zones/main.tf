resource "google_dns_managed_zone" "signed" {
  for_each = { shop = "shop.example.com.", api = "api.example.com." }
  name     = each.key
  dns_name = each.value
  dnssec_config {
    state = "on"
  }
}

resource "google_dns_managed_zone" "unsigned" {
  name     = "www"
  dns_name = "www.example.com."
}

resource "google_dns_managed_zone" "internal" {
  name       = "internal"
  dns_name   = "internal.example.com."
  visibility = "private"
  private_visibility_config {
    networks {
      network_url = "projects/p/global/networks/main"
    }
  }
}
