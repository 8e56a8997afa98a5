variable "member" {
  type = string
}

resource "google_secret_manager_secret_iam_member" "from_variable" {
  secret_id = "db-password"
  role      = "roles/secretmanager.secretAccessor"
  member    = var.member
}
