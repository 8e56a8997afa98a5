resource "google_project" "exported" {
  name                = "exported"
  project_id          = "acme-exported"
  org_id              = "123456"
  auto_create_network = false
}

resource "google_logging_project_sink" "all" {
  name        = "all"
  project     = google_project.exported.project_id
  destination = "storage.googleapis.com/acme-audit"
}

resource "google_project" "filtered" {
  name                = "filtered"
  project_id          = "acme-filtered"
  org_id              = "123456"
  auto_create_network = false
}

resource "google_logging_project_sink" "errors" {
  name        = "errors"
  project     = "acme-filtered"
  destination = "storage.googleapis.com/acme-audit"
  filter      = "severity >= ERROR"
}

resource "google_project" "excluded" {
  name                = "excluded"
  project_id          = "acme-excluded"
  org_id              = "123456"
  auto_create_network = false
}

resource "google_logging_project_sink" "most" {
  name        = "most"
  project     = "acme-excluded"
  destination = "storage.googleapis.com/acme-audit"
  exclusions {
    name   = "no-gke"
    filter = "resource.type = k8s_container"
  }
}

resource "google_project" "none" {
  name                = "none"
  project_id          = "acme-none"
  org_id              = "123456"
  auto_create_network = false
}

resource "google_project" "under_org" {
  name                = "under_org"
  project_id          = "acme-under_org"
  org_id              = "987654"
  auto_create_network = false
}

resource "google_logging_organization_sink" "org" {
  name             = "org"
  org_id           = "987654"
  include_children = true
  destination      = "storage.googleapis.com/acme-audit"
}
