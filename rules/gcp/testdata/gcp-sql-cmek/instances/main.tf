resource "google_kms_crypto_key" "sql" {
  name     = "sql"
  key_ring = "projects/p/locations/europe-west1/keyRings/main"
}

resource "google_sql_database_instance" "by_reference" {
  name             = "by-reference"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  encryption_key_name = google_kms_crypto_key.sql.id
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "by_name" {
  name             = "by-name"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"
  encryption_key_name = "projects/p/locations/europe-west1/keyRings/main/cryptoKeys/sql"
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "google_keys" {
  name             = "google-keys"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
  }
}
