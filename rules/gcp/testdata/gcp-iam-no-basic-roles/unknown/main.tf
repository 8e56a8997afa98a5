variable "role" {
  type = string
}

variable "admins" {
  type = list(string)
}

resource "google_project_iam_member" "role_from_variable" {
  project = "acme-prod"
  role    = var.role
  member  = "group:platform@acme.example"
}

resource "google_project_iam_binding" "owners_from_variable" {
  project = "acme-prod"
  role    = "roles/owner"
  members = var.admins
}
