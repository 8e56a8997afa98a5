variable "name" {
  type = string
}

variable "types" {
  type = list(string)
}

resource "google_project" "this" {
  name                = var.name
  project_id          = "acme-${var.name}"
  org_id              = "123456"
  auto_create_network = false
}

resource "google_project_iam_audit_config" "all" {
  project = google_project.this.project_id
  service = "allServices"
  dynamic "audit_log_config" {
    for_each = var.types
    content {
      log_type = audit_log_config.value
    }
  }
}
