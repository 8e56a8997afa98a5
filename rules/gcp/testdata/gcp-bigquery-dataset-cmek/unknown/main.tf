variable "key" {
  type = string
}

resource "google_bigquery_dataset" "from_variable" {
  dataset_id = "from_variable"
  location   = "EU"
  default_encryption_configuration {
    kms_key_name = var.key
  }
}
