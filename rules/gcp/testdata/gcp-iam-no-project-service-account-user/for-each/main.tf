resource "google_project_iam_member" "deployers" {
  for_each = toset(["roles/iam.serviceAccountUser", "roles/run.developer"])
  project  = "acme"
  role     = each.value
  member   = "group:deployers@acme.com"
}
