resource "google_sql_database_instance" "db" {
  for_each         = { hardened = "off", loose = "on" }
  name             = each.key
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "external scripts enabled"
      value = each.value
    }
  }
}
