resource "google_project_iam_audit_config" "p" {
  for_each = { "acme-prod" = [], "acme-lab" = ["user:dev@acme.com"] }
  project  = each.key
  service  = "allServices"
  audit_log_config {
    log_type         = "DATA_READ"
    exempted_members = each.value
  }
}
