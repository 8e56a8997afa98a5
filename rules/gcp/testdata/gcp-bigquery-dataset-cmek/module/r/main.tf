variable "key" {
  type    = string
  default = null
}

resource "google_bigquery_dataset" "this" {
  dataset_id = "this"
  location   = "EU"
  dynamic "default_encryption_configuration" {
    for_each = var.key == null ? [] : [var.key]
    content {
      kms_key_name = default_encryption_configuration.value
    }
  }
}
