resource "google_container_cluster" "abac" {
  name               = "abac"
  location           = "europe-west1"
  initial_node_count = 1
  enable_legacy_abac = true
}

resource "google_container_cluster" "rbac" {
  for_each           = toset(["a", "b"])
  name               = "rbac-${each.key}"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "explicit_off" {
  name               = "explicit-off"
  location           = "europe-west1"
  initial_node_count = 1
  enable_legacy_abac = false
}
