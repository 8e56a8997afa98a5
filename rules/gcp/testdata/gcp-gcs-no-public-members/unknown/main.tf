variable "reader" {
  type = string
}

resource "google_storage_bucket_iam_member" "from_variable" {
  bucket = "acme-data"
  role   = "roles/storage.objectViewer"
  member = var.reader
}

resource "google_storage_bucket_iam_binding" "partly_known" {
  bucket  = "acme-data"
  role    = "roles/storage.objectViewer"
  members = ["group:data@acme.example", var.reader]
}

resource "google_storage_bucket_iam_binding" "public_and_unknown" {
  bucket  = "acme-data"
  role    = "roles/storage.objectViewer"
  members = ["allUsers", var.reader]
}
