data "google_project" "this" {}

resource "google_container_cluster" "identity" {
  name               = "identity"
  location           = "europe-west1"
  initial_node_count = 1
  workload_identity_config {
    workload_pool = "acme-prod.svc.id.goog"
  }
}

resource "google_container_cluster" "identity_from_project" {
  name               = "identity-from-project"
  location           = "europe-west1"
  initial_node_count = 1
  workload_identity_config {
    workload_pool = "${data.google_project.this.project_id}.svc.id.goog"
  }
}

resource "google_container_cluster" "node_identity" {
  for_each           = toset(["a", "b"])
  name               = "node-identity-${each.key}"
  location           = "europe-west1"
  initial_node_count = 1
}
