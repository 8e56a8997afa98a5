variable "versioned" {
  type = bool
}

resource "google_storage_bucket" "from_variable" {
  name     = "acme-var"
  location = "EU"
  versioning {
    enabled = var.versioned
  }
}
