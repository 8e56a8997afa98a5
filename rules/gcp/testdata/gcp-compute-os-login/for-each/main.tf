resource "google_compute_project_metadata_item" "oslogin" {
  for_each = { "acme-prod" = "TRUE", "acme-lab" = "FALSE" }
  project  = each.key
  key      = "enable-oslogin"
  value    = each.value
}
