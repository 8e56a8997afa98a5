variable "pitr" {
  type = bool
}

variable "version" {
  type = string
}

resource "google_sql_database_instance" "from_variable" {
  name             = "from-variable"
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

resource "google_sql_database_instance" "engine_unknown" {
  name             = "engine-unknown"
  database_version = var.version
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}
