variable "key" {
  type    = string
  default = null
}

resource "google_storage_bucket" "this" {
  name     = "acme-module"
  location = "EU"
  dynamic "encryption" {
    for_each = var.key == null ? [] : [var.key]
    content {
      default_kms_key_name = encryption.value
    }
  }
}
