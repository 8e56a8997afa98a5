resource "google_storage_bucket" "versioned" {
  for_each = toset(["acme-audit", "acme-backups"])
  name     = each.key
  location = "EU"
  versioning {
    enabled = true
  }
}

resource "google_storage_bucket" "unversioned" {
  name     = "acme-scratch"
  location = "EU"
}

resource "google_storage_bucket" "disabled" {
  name     = "acme-tmp"
  location = "EU"
  versioning {
    enabled = false
  }
}
