resource "google_project_iam_audit_config" "clean" {
  project = "acme"
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_project_iam_audit_config" "exempt" {
  project = "acme-2"
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
    exempted_members = ["user:ceo@acme.com"]
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_folder_iam_audit_config" "folder" {
  folder  = "folders/123"
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
    exempted_members = ["group:sre@acme.com"]
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_organization_iam_audit_config" "org" {
  org_id = "123456"
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}
