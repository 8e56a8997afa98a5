variable "pgaudit" {
  type = string
}

resource "google_sql_database_instance" "from_variable" {
  name             = "from-variable"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = var.pgaudit
    }
  }
}
