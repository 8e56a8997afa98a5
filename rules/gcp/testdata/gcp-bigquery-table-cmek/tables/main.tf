resource "google_bigquery_dataset" "keyed" {
  dataset_id = "keyed"
  location   = "EU"
  default_encryption_configuration {
    kms_key_name = "projects/p/locations/eu/keyRings/main/cryptoKeys/bq"
  }
}

resource "google_bigquery_dataset" "plain" {
  dataset_id = "plain"
  location   = "EU"
}

resource "google_bigquery_table" "inherits" {
  dataset_id = google_bigquery_dataset.keyed.dataset_id
  table_id   = "inherits"
}

resource "google_bigquery_table" "literal_dataset" {
  dataset_id = "keyed"
  table_id   = "literal-dataset"
}

resource "google_bigquery_table" "own_key" {
  dataset_id = google_bigquery_dataset.plain.dataset_id
  table_id   = "own-key"
  encryption_configuration {
    kms_key_name = "projects/p/locations/eu/keyRings/main/cryptoKeys/bq"
  }
}

resource "google_bigquery_table" "plain" {
  dataset_id = google_bigquery_dataset.plain.dataset_id
  table_id   = "plain"
}
