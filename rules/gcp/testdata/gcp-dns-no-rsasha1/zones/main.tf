resource "google_dns_managed_zone" "strong" {
  name     = "strong"
  dns_name = "strong.example.com."
  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = "rsasha256"
      key_length = 2048
      key_type   = "keySigning"
    }
    default_key_specs {
      algorithm  = "rsasha256"
      key_length = 2048
      key_type   = "zoneSigning"
    }
  }
}

resource "google_dns_managed_zone" "defaults" {
  name     = "defaults"
  dns_name = "defaults.example.com."
  dnssec_config {
    state = "on"
  }
}

resource "google_dns_managed_zone" "weak_zsk" {
  name     = "weak-zsk"
  dns_name = "weak-zsk.example.com."
  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = "rsasha256"
      key_length = 2048
      key_type   = "keySigning"
    }
    default_key_specs {
      algorithm  = "rsasha1"
      key_length = 2048
      key_type   = "zoneSigning"
    }
  }
}

resource "google_dns_managed_zone" "weak_ksk" {
  name     = "weak-ksk"
  dns_name = "weak-ksk.example.com."
  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = "RSASHA1"
      key_length = 2048
      key_type   = "keySigning"
    }
  }
}
