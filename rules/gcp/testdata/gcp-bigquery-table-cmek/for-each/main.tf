resource "google_bigquery_dataset" "plain" {
  dataset_id = "plain"
  location   = "EU"
}

resource "google_bigquery_table" "t" {
  for_each   = { orders = "projects/p/locations/eu/keyRings/main/cryptoKeys/bq", scratch = null }
  dataset_id = google_bigquery_dataset.plain.dataset_id
  table_id   = each.key
  dynamic "encryption_configuration" {
    for_each = each.value == null ? [] : [each.value]
    content {
      kms_key_name = encryption_configuration.value
    }
  }
}
