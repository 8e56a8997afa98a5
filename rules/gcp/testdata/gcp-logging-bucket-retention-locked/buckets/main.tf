resource "google_logging_project_bucket_config" "audit" {
  project        = "acme-logs"
  location       = "global"
  bucket_id      = "audit"
  retention_days = 400
  locked         = true
}

resource "google_logging_project_bucket_config" "default" {
  project   = "acme-logs"
  location  = "global"
  bucket_id = "_Default"
}

resource "google_logging_project_bucket_config" "unlocked" {
  project        = "acme-logs"
  location       = "global"
  bucket_id      = "unlocked"
  retention_days = 365
}

resource "google_logging_folder_bucket_config" "folder" {
  folder         = "folders/123"
  location       = "global"
  bucket_id      = "_Default"
  retention_days = 365
  locked         = true
}

resource "google_logging_organization_bucket_config" "org" {
  organization   = "123456"
  location       = "global"
  bucket_id      = "_Default"
  retention_days = 90
  locked         = true
}
