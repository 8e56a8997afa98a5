resource "google_logging_project_bucket_config" "b" {
  for_each       = { audit = 365, debug = 7 }
  project        = "acme-logs"
  location       = "global"
  bucket_id      = each.key
  retention_days = each.value
  locked         = true
}
