resource "google_sql_database_instance" "db" {
  for_each         = { hardened = "on", loose = "off" }
  name             = each.key
  database_version = "MYSQL_8_0"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "skip_show_database"
      value = each.value
    }
  }
}
