variable "log" {
  type = bool
}

resource "google_compute_firewall" "from_variable" {
  name          = "from-variable"
  network       = "main"
  source_ranges = ["10.0.0.0/8"]
  allow {
    protocol = "tcp"
  }
  dynamic "log_config" {
    for_each = var.log ? [1] : []
    content {
      metadata = "INCLUDE_ALL_METADATA"
    }
  }
}
