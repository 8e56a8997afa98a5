resource "google_project" "p" {
  for_each            = { prod = false, sandbox = true }
  name                = each.key
  project_id          = "acme-${each.key}"
  org_id              = "123456"
  auto_create_network = each.value
}
