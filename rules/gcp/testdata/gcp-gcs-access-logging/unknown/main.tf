variable "log_bucket" {
  type = string
}

resource "google_storage_bucket" "from_variable" {
  name     = "acme-from-variable"
  location = "EU"
  logging {
    log_bucket = var.log_bucket
  }
}
