resource "google_sql_database_instance" "db" {
  for_each            = { orders = "projects/p/locations/europe-west1/keyRings/main/cryptoKeys/sql", scratch = null }
  name                = each.key
  database_version    = "POSTGRES_16"
  region              = "europe-west1"
  encryption_key_name = each.value
  settings {
    tier = "db-custom-2-7680"
  }
}
