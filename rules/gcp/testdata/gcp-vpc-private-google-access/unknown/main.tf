variable "access" {
  type = bool
}

resource "google_compute_subnetwork" "from_variable" {
  name                     = "from-variable"
  network                  = "main"
  region                   = "europe-west1"
  ip_cidr_range            = "10.3.0.0/20"
  private_ip_google_access = var.access
}
