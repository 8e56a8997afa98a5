resource "google_sql_database_instance" "db" {
  for_each         = { audited = "all", quiet = "none" }
  name             = each.key
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "log_statement"
      value = each.value
    }
  }
}
