resource "google_project" "audited" {
  name                = "audited"
  project_id          = "acme-audited"
  org_id              = "123456"
  auto_create_network = false
}

resource "google_project_iam_audit_config" "audited" {
  project = google_project.audited.project_id
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

resource "google_project" "partial" {
  name                = "partial"
  project_id          = "acme-partial"
  org_id              = "123456"
  auto_create_network = false
}

resource "google_project_iam_audit_config" "partial" {
  project = "acme-partial"
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
}

resource "google_project" "storage_only" {
  name                = "storage_only"
  project_id          = "acme-storage_only"
  org_id              = "123456"
  auto_create_network = false
}

resource "google_project_iam_audit_config" "storage_only" {
  project = "acme-storage_only"
  service = "storage.googleapis.com"
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

resource "google_project" "none" {
  name                = "none"
  project_id          = "acme-none"
  org_id              = "123456"
  auto_create_network = false
}

resource "google_project" "org_covered" {
  name                = "org_covered"
  project_id          = "acme-org_covered"
  org_id              = "987654"
  auto_create_network = false
}

resource "google_organization_iam_audit_config" "org" {
  org_id = "987654"
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
