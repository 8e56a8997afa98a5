variable "public" {
  type = bool
}

resource "google_sql_database_instance" "from_variable" {
  name             = "from-variable"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = var.public
    }
  }
}
