variable "key" {
  type = string
}

resource "google_sql_database_instance" "from_variable" {
  name             = "from-variable"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  encryption_key_name = var.key
  settings {
    tier = "db-custom-2-7680"
  }
}
