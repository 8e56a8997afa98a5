variable "algorithm" {
  type = string
}

resource "google_dns_managed_zone" "from_variable" {
  name     = "from-variable"
  dns_name = "from-variable.example.com."
  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = var.algorithm
      key_length = 2048
      key_type   = "zoneSigning"
    }
  }
}
