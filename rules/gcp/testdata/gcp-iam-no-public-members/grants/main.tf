resource "google_project_iam_member" "public" {
  project = "acme"
  role    = "roles/viewer"
  member  = "allUsers"
}

resource "google_project_iam_member" "team" {
  project = "acme"
  role    = "roles/viewer"
  member  = "group:team@acme.com"
}

resource "google_project_iam_binding" "public" {
  project = "acme"
  role    = "roles/viewer"
  members = ["allAuthenticatedUsers"]
}

resource "google_project_iam_binding" "team" {
  project = "acme"
  role    = "roles/viewer"
  members = ["group:team@acme.com"]
}

resource "google_folder_iam_member" "public" {
  folder  = "folders/123"
  role    = "roles/viewer"
  member  = "allUsers"
}

resource "google_folder_iam_member" "team" {
  folder  = "folders/123"
  role    = "roles/viewer"
  member  = "group:team@acme.com"
}

resource "google_organization_iam_member" "public" {
  org_id  = "123456"
  role    = "roles/viewer"
  member  = "allAuthenticatedUsers"
}

resource "google_organization_iam_member" "team" {
  org_id  = "123456"
  role    = "roles/viewer"
  member  = "group:team@acme.com"
}

resource "google_service_account_iam_member" "public" {
  service_account_id = "projects/acme/serviceAccounts/app@acme.iam.gserviceaccount.com"
  role    = "roles/viewer"
  member  = "allUsers"
}

resource "google_service_account_iam_member" "team" {
  service_account_id = "projects/acme/serviceAccounts/app@acme.iam.gserviceaccount.com"
  role    = "roles/viewer"
  member  = "group:team@acme.com"
}

resource "google_service_account_iam_binding" "public" {
  service_account_id = "projects/acme/serviceAccounts/app@acme.iam.gserviceaccount.com"
  role    = "roles/viewer"
  members = ["allAuthenticatedUsers"]
}

resource "google_service_account_iam_binding" "team" {
  service_account_id = "projects/acme/serviceAccounts/app@acme.iam.gserviceaccount.com"
  role    = "roles/viewer"
  members = ["group:team@acme.com"]
}

resource "google_pubsub_topic_iam_member" "public" {
  topic   = "orders"
  role    = "roles/viewer"
  member  = "allUsers"
}

resource "google_pubsub_topic_iam_member" "team" {
  topic   = "orders"
  role    = "roles/viewer"
  member  = "group:team@acme.com"
}

resource "google_pubsub_subscription_iam_member" "public" {
  subscription = "orders"
  role    = "roles/viewer"
  member  = "allAuthenticatedUsers"
}

resource "google_pubsub_subscription_iam_member" "team" {
  subscription = "orders"
  role    = "roles/viewer"
  member  = "group:team@acme.com"
}

resource "google_secret_manager_secret_iam_member" "public" {
  secret_id = "db-password"
  role    = "roles/viewer"
  member  = "allUsers"
}

resource "google_secret_manager_secret_iam_member" "team" {
  secret_id = "db-password"
  role    = "roles/viewer"
  member  = "group:team@acme.com"
}
