resource "google_project" "maybe" {
  name                = "maybe"
  project_id          = "acme-maybe"
  org_id              = "123456"
  auto_create_network = false
}

variable "filter" {
  type = string
}

resource "google_logging_project_sink" "from_variable" {
  name        = "from-variable"
  project     = google_project.maybe.project_id
  destination = "storage.googleapis.com/acme-audit"
  filter      = var.filter
}
