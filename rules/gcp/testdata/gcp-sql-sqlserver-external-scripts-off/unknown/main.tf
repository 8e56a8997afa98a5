variable "flags" {
  type = map(string)
}

variable "version" {
  type = string
}

resource "google_sql_database_instance" "flags_from_variable" {
  name             = "flags-from-variable"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    dynamic "database_flags" {
      for_each = var.flags
      content {
        name  = database_flags.key
        value = database_flags.value
      }
    }
  }
}

resource "google_sql_database_instance" "engine_unknown" {
  name             = "engine-unknown"
  database_version = var.version
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
  }
}
