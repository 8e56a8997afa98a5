resource "google_storage_bucket_iam_member" "public_read" {
  bucket = "acme-site"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket_iam_binding" "any_google_account" {
  bucket  = "acme-data"
  role    = "roles/storage.objectViewer"
  members = ["group:data@acme.example", "allAuthenticatedUsers"]
}

resource "google_storage_bucket_iam_member" "service" {
  for_each = toset(["serviceAccount:api@p.iam.gserviceaccount.com", "group:ops@acme.example"])
  bucket   = "acme-data"
  role     = "roles/storage.objectViewer"
  member   = each.key
}

resource "google_storage_bucket_iam_binding" "team" {
  bucket  = "acme-data"
  role    = "roles/storage.objectAdmin"
  members = ["group:data@acme.example"]
}
