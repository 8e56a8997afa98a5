resource "google_sql_database_instance" "db" {
  for_each         = { hardened = "off", loose = "on" }
  name             = each.key
  database_version = "MYSQL_8_0"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "local_infile"
      value = each.value
    }
  }
}
