resource "google_project_iam_member" "owner" {
  project = "acme-prod"
  role    = "roles/owner"
  member  = "user:founder@acme.example"
}

resource "google_project_iam_binding" "editors" {
  project = "acme-prod"
  role    = "roles/editor"
  members = ["serviceAccount:123-compute@developer.gserviceaccount.com"]
}

resource "google_project_iam_member" "scoped" {
  for_each = toset(["roles/cloudsql.client", "roles/storage.objectViewer"])
  project  = "acme-prod"
  role     = each.key
  member   = "serviceAccount:api@acme-prod.iam.gserviceaccount.com"
}

resource "google_project_iam_binding" "viewers" {
  project = "acme-prod"
  role    = "roles/viewer"
  members = ["group:auditors@acme.example"]
}
