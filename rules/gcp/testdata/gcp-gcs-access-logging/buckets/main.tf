resource "google_storage_bucket" "access_logs" {
  name     = "acme-access-logs"
  location = "EU"
}

resource "google_storage_bucket" "data" {
  name     = "acme-data"
  location = "EU"
  logging {
    log_bucket = google_storage_bucket.access_logs.name
  }
}

resource "google_storage_bucket" "literal_logs" {
  name     = "acme-literal-logs"
  location = "EU"
}

resource "google_storage_bucket" "media" {
  name     = "acme-media"
  location = "EU"
  logging {
    log_bucket = "acme-literal-logs"
  }
}

resource "google_storage_bucket" "unlogged" {
  name     = "acme-unlogged"
  location = "EU"
}
