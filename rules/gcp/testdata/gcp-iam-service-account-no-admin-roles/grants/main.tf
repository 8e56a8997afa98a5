resource "google_service_account" "app" {
  account_id = "app"
}

resource "google_project_iam_member" "app_editor" {
  project = "acme"
  role    = "roles/editor"
  member  = "serviceAccount:${google_service_account.app.email}"
}

resource "google_project_iam_member" "app_reader" {
  project = "acme"
  role    = "roles/storage.objectViewer"
  member  = "serviceAccount:${google_service_account.app.email}"
}

resource "google_project_iam_binding" "storage_admins" {
  project = "acme"
  role    = "roles/storage.admin"
  members = ["group:ops@acme.com", "serviceAccount:ci@acme.iam.gserviceaccount.com"]
}

resource "google_folder_iam_member" "people_admin" {
  folder = "folders/123"
  role   = "roles/resourcemanager.folderAdmin"
  member = "group:platform@acme.com"
}

resource "google_organization_iam_member" "sa_iam_admin" {
  org_id = "123456"
  role   = "roles/resourcemanager.organizationAdmin"
  member = "serviceAccount:terraform@acme.iam.gserviceaccount.com"
}
