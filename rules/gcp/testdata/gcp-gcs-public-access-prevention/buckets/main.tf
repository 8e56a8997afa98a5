resource "google_storage_bucket" "enforced" {
  for_each                 = toset(["acme-audit", "acme-data"])
  name                     = each.key
  location                 = "EU"
  public_access_prevention = "enforced"
}

resource "google_storage_bucket" "inherited" {
  name     = "acme-inherited"
  location = "EU"
}
