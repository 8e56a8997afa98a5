variable "rotation" {
  type = string
}

resource "google_kms_crypto_key" "from_variable" {
  name            = "from-variable"
  key_ring        = "projects/p/locations/europe-west1/keyRings/main"
  rotation_period = var.rotation
}
