variable "role" {
  type = string
}

resource "google_project_iam_member" "from_variable" {
  project = "acme"
  role    = var.role
  member  = "group:deployers@acme.com"
}
