resource "google_sql_database_instance" "db" {
  for_each         = { hardened = "on", loose = "off" }
  name             = each.key
  database_version = "POSTGRES_15"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "log_disconnections"
      value = each.value
    }
  }
}
