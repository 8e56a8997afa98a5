resource "google_sql_database_instance" "db" {
  for_each         = { orders = false, reports = true }
  name             = each.key
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled = each.value
    }
  }
}
