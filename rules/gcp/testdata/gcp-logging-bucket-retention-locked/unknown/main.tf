variable "days" {
  type = number
}

resource "google_logging_project_bucket_config" "from_variable" {
  project        = "acme-logs"
  location       = "global"
  bucket_id      = "audit"
  retention_days = var.days
  locked         = true
}
