variable "account" {
  type = string
}

resource "google_service_account" "maybe" {
  account_id = "maybe"
}

resource "google_service_account_key" "from_variable" {
  service_account_id = var.account
}
