variable "issue" {
  type = bool
}

resource "google_container_cluster" "from_variable" {
  name               = "from-variable"
  location           = "europe-west1"
  initial_node_count = 1
  master_auth {
    client_certificate_config {
      issue_client_certificate = var.issue
    }
  }
}
