resource "google_sql_database_instance" "db" {
  for_each         = { hardened = "-1", loose = "250" }
  name             = each.key
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "log_min_duration_statement"
      value = each.value
    }
  }
}
