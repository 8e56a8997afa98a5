resource "google_compute_firewall" "f" {
  for_each      = { audited = true, quiet = false }
  name          = each.key
  network       = "main"
  source_ranges = ["10.0.0.0/8"]
  allow {
    protocol = "tcp"
  }
  dynamic "log_config" {
    for_each = each.value ? [1] : []
    content {
      metadata = "EXCLUDE_ALL_METADATA"
    }
  }
}
