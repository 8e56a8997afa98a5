variable "network" {
  type = bool
}

resource "google_project" "from_variable" {
  name                = "from-variable"
  project_id          = "acme-var"
  org_id              = "123456"
  auto_create_network = var.network
}
