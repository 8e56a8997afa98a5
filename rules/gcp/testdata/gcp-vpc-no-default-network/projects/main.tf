resource "google_project" "clean" {
  name                = "clean"
  project_id          = "acme-clean"
  org_id              = "123456"
  auto_create_network = false
}

resource "google_project" "default" {
  name       = "default"
  project_id = "acme-default"
  org_id     = "123456"
}
