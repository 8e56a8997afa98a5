resource "google_compute_instance_template" "t" {
  for_each       = { web = false, nat = true }
  name           = each.key
  machine_type   = "e2-small"
  can_ip_forward = each.value
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "default"
  }
}
