variable "backups" {
  type = bool
}

resource "google_sql_database_instance" "from_variable" {
  name             = "from-variable"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = var.backups
    }
  }
}

variable "primary" {
  type = string
}

resource "google_sql_database_instance" "maybe_replica" {
  name                 = "maybe-replica"
  database_version     = "POSTGRES_16"
  region               = "europe-west1"
  master_instance_name = var.primary
  settings {
    tier = "db-custom-2-7680"
  }
}
