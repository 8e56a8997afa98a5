variable "with_key" {
  type = bool
}

resource "google_service_account" "this" {
  account_id = "sa"
}

resource "google_service_account_key" "this" {
  count              = var.with_key ? 1 : 0
  service_account_id = google_service_account.this.name
}
