variable "flow_logs" {
  type = bool
}

resource "google_compute_subnetwork" "from_variable" {
  name          = "from-variable"
  network       = "main"
  region        = "europe-west1"
  ip_cidr_range = "10.0.64.0/20"
  dynamic "log_config" {
    for_each = var.flow_logs ? [1] : []
    content {
      metadata = "INCLUDE_ALL_METADATA"
    }
  }
}
