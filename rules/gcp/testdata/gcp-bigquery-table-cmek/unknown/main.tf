variable "key" {
  type = string
}

resource "google_bigquery_table" "key_from_variable" {
  dataset_id = "elsewhere"
  table_id   = "key-from-variable"
  encryption_configuration {
    kms_key_name = var.key
  }
}

resource "google_bigquery_table" "dataset_elsewhere" {
  dataset_id = "elsewhere"
  table_id   = "dataset-elsewhere"
}
