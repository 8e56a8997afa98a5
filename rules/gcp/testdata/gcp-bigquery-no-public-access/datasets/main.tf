resource "google_bigquery_dataset" "open" {
  dataset_id = "open"
  location   = "EU"
  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
  access {
    role          = "OWNER"
    user_by_email = "owner@acme.example"
  }
}

resource "google_bigquery_dataset" "team" {
  for_each   = toset(["sales", "finance"])
  dataset_id = each.key
  location   = "EU"
  access {
    role           = "READER"
    group_by_email = "${each.key}@acme.example"
  }
}

resource "google_bigquery_dataset_iam_member" "public" {
  dataset_id = "events"
  role       = "roles/bigquery.dataViewer"
  member     = "allUsers"
}

resource "google_bigquery_dataset_iam_binding" "analysts" {
  dataset_id = "events"
  role       = "roles/bigquery.dataViewer"
  members    = ["group:analysts@acme.example"]
}
