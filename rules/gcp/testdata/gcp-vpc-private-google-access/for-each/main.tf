resource "google_compute_subnetwork" "s" {
  for_each                 = { apps = true, legacy = false }
  name                     = each.key
  network                  = "main"
  region                   = "europe-west1"
  ip_cidr_range            = each.key == "apps" ? "10.1.0.0/20" : "10.2.0.0/20"
  private_ip_google_access = each.value
}
