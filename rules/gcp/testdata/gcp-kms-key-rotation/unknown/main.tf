variable "rotation" {
  type = string
}

resource "google_kms_crypto_key" "from_variable" {
  name            = "from-variable"
  key_ring        = "projects/p/locations/europe-west1/keyRings/main"
  rotation_period = var.rotation
}

variable "purpose" {
  type = string
}

resource "google_kms_crypto_key" "purpose_from_variable" {
  name     = "purpose-from-variable"
  key_ring = "projects/p/locations/europe-west1/keyRings/main"
  purpose  = var.purpose
}
