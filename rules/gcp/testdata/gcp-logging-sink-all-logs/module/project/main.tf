variable "name" {
  type = string
}

variable "export" {
  type = bool
}

resource "google_project" "this" {
  name                = var.name
  project_id          = "acme-${var.name}"
  org_id              = "123456"
  auto_create_network = false
}

resource "google_logging_project_sink" "all" {
  count       = var.export ? 1 : 0
  name        = "all"
  project     = google_project.this.project_id
  destination = "storage.googleapis.com/acme-audit"
}
