variable "members" {
  type = list(string)
}

resource "google_kms_key_ring_iam_binding" "from_variable" {
  key_ring_id = "projects/p/locations/europe/keyRings/main"
  role        = "roles/cloudkms.viewer"
  members     = var.members
}
