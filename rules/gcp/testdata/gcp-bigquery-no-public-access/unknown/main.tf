variable "viewer" {
  type = string
}

resource "google_bigquery_dataset_iam_member" "from_variable" {
  dataset_id = "events"
  role       = "roles/bigquery.dataViewer"
  member     = var.viewer
}

resource "google_bigquery_dataset" "access_from_variable" {
  dataset_id = "var"
  location   = "EU"
  access {
    role          = "READER"
    special_group = var.viewer
  }
}
