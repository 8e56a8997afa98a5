resource "google_sql_database_instance" "private" {
  name             = "private"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/p/global/networks/main"
    }
  }
}

resource "google_sql_database_instance" "default" {
  name             = "default"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "public" {
  name             = "public"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = true
    }
  }
}
