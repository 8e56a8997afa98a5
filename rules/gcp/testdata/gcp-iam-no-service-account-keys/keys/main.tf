resource "google_service_account" "ci" {
  account_id = "ci"
}

resource "google_service_account_key" "ci" {
  service_account_id = google_service_account.ci.name
}

resource "google_service_account" "app" {
  account_id = "app"
}

resource "google_service_account_key" "elsewhere" {
  service_account_id = "projects/acme/serviceAccounts/legacy@acme.iam.gserviceaccount.com"
}
