variable "role" {
  type = string
}

variable "member" {
  type = string
}

resource "google_project_iam_member" "role_from_variable" {
  project = "acme"
  role    = var.role
  member  = "serviceAccount:ci@acme.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "member_from_variable" {
  project = "acme"
  role    = "roles/compute.admin"
  member  = var.member
}
