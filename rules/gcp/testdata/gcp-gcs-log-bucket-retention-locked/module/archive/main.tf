variable "locked" {
  type = bool
}

resource "google_storage_bucket" "logs" {
  name     = "acme-logs-${var.locked ? "locked" : "open"}"
  location = "EU"
  retention_policy {
    retention_period = 31536000
    is_locked        = var.locked
  }
}

resource "google_logging_project_sink" "all" {
  name        = "all"
  destination = "storage.googleapis.com/${google_storage_bucket.logs.name}"
}
