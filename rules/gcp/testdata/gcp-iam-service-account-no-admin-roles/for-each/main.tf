resource "google_project_iam_member" "ci" {
  for_each = toset(["roles/owner", "roles/artifactregistry.writer"])
  project  = "acme"
  role     = each.value
  member   = "serviceAccount:ci@acme.iam.gserviceaccount.com"
}
