variable "configs" {
  type = list(object({ type = string, exempt = list(string) }))
}

resource "google_project_iam_audit_config" "from_variable" {
  project = "acme"
  service = "allServices"
  dynamic "audit_log_config" {
    for_each = var.configs
    content {
      log_type         = audit_log_config.value.type
      exempted_members = audit_log_config.value.exempt
    }
  }
}
