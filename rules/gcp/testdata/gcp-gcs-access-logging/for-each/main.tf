resource "google_storage_bucket" "b" {
  for_each = { logged = "acme-central-logs", silent = null }
  name     = "acme-${each.key}"
  location = "EU"
  dynamic "logging" {
    for_each = each.value == null ? [] : [each.value]
    content {
      log_bucket = logging.value
    }
  }
}
