variable "locked" {
  type = bool
}

variable "destination" {
  type = string
}

resource "google_storage_bucket" "from_variable" {
  name     = "acme-from-variable"
  location = "EU"
  retention_policy {
    retention_period = 31536000
    is_locked        = var.locked
  }
}

resource "google_logging_project_sink" "all" {
  name        = "all"
  destination = "storage.googleapis.com/${google_storage_bucket.from_variable.name}"
}
