variable "allowed" {
  type = list(string)
}

resource "google_sql_database_instance" "from_variable" {
  name             = "from-variable"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      dynamic "authorized_networks" {
        for_each = var.allowed
        content {
          value = authorized_networks.value
        }
      }
    }
  }
}

variable "public_ip" {
  type = bool
}

resource "google_sql_database_instance" "maybe_public" {
  name             = "maybe-public"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = var.public_ip
      authorized_networks {
        value = "0.0.0.0/0"
      }
    }
  }
}
