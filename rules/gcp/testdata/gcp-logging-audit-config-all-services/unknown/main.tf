resource "google_project" "maybe" {
  name                = "maybe"
  project_id          = "acme-maybe"
  org_id              = "123456"
  auto_create_network = false
}

variable "types" {
  type = list(string)
}

resource "google_project_iam_audit_config" "from_variable" {
  project = google_project.maybe.project_id
  service = "allServices"
  dynamic "audit_log_config" {
    for_each = var.types
    content {
      log_type = audit_log_config.value
    }
  }
}
