resource "google_storage_bucket" "audit" {
  name     = "acme-audit"
  location = "EU"
  retention_policy {
    retention_period = 31536000
    is_locked        = true
  }
}

resource "google_logging_project_sink" "all" {
  name        = "all"
  destination = "storage.googleapis.com/${google_storage_bucket.audit.name}"
}

resource "google_storage_bucket" "unlocked" {
  name     = "acme-unlocked"
  location = "EU"
  retention_policy {
    retention_period = 31536000
  }
}

resource "google_logging_organization_sink" "org" {
  name        = "org"
  org_id      = "123456789"
  destination = "storage.googleapis.com/${google_storage_bucket.unlocked.name}"
}

resource "google_storage_bucket" "short" {
  name     = "acme-short"
  location = "EU"
  retention_policy {
    retention_period = 2592000
    is_locked        = true
  }
}

resource "google_logging_folder_sink" "folder" {
  name        = "folder"
  folder      = "folders/123"
  destination = "storage.googleapis.com/acme-short"
}

resource "google_storage_bucket" "none" {
  name     = "acme-none"
  location = "EU"
}

resource "google_logging_project_sink" "errors" {
  name        = "errors"
  destination = "storage.googleapis.com/acme-none"
  filter      = "severity >= ERROR"
}

resource "google_storage_bucket" "assets" {
  name     = "acme-assets"
  location = "EU"
}
