variable "pitr" {
  type = bool
}

resource "google_sql_database_instance" "this" {
  name             = "this"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = var.pitr
    }
  }
}
