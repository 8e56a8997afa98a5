resource "google_project_iam_member" "act_as" {
  project = "acme"
  role    = "roles/iam.serviceAccountUser"
  member  = "group:deployers@acme.com"
}

resource "google_project_iam_member" "viewer" {
  project = "acme"
  role    = "roles/viewer"
  member  = "group:deployers@acme.com"
}

resource "google_project_iam_binding" "act_as" {
  project = "acme"
  role    = "roles/iam.serviceAccountTokenCreator"
  members = ["group:deployers@acme.com"]
}

resource "google_project_iam_binding" "viewer" {
  project = "acme"
  role    = "roles/viewer"
  members = ["group:deployers@acme.com"]
}

resource "google_folder_iam_member" "act_as" {
  folder  = "folders/123"
  role    = "roles/iam.serviceAccountUser"
  member  = "group:deployers@acme.com"
}

resource "google_folder_iam_member" "viewer" {
  folder  = "folders/123"
  role    = "roles/viewer"
  member  = "group:deployers@acme.com"
}

resource "google_organization_iam_member" "act_as" {
  org_id  = "123456"
  role    = "roles/iam.serviceAccountTokenCreator"
  member  = "group:deployers@acme.com"
}

resource "google_organization_iam_member" "viewer" {
  org_id  = "123456"
  role    = "roles/viewer"
  member  = "group:deployers@acme.com"
}
