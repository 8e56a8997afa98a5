variable "destination" {
  type = string
}

resource "google_storage_bucket" "maybe_logs" {
  name     = "acme-maybe-logs"
  location = "EU"
}

resource "google_storage_bucket" "locked" {
  name     = "acme-locked"
  location = "EU"
  retention_policy {
    retention_period = 31536000
    is_locked        = true
  }
}

resource "google_logging_project_sink" "all" {
  name        = "all"
  destination = var.destination
}
