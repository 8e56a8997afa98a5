variable "key" {
  type = string
}

resource "google_storage_bucket" "from_variable" {
  name     = "acme-from-variable"
  location = "EU"
  encryption {
    default_kms_key_name = var.key
  }
}
