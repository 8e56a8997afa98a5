variable "dnssec" {
  type = string
}

resource "google_dns_managed_zone" "from_variable" {
  name     = "var"
  dns_name = "var.example.com."
  dnssec_config {
    state = var.dnssec
  }
}
