resource "google_kms_crypto_key" "quarterly" {
  for_each        = toset(["sql", "gcs"])
  name            = each.key
  key_ring        = "projects/p/locations/europe-west1/keyRings/main"
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key" "monthly" {
  name            = "monthly"
  key_ring        = "projects/p/locations/europe-west1/keyRings/main"
  rotation_period = "2592000s"
}

resource "google_kms_crypto_key" "never" {
  name     = "never"
  key_ring = "projects/p/locations/europe-west1/keyRings/main"
}

resource "google_kms_crypto_key" "yearly" {
  name            = "yearly"
  key_ring        = "projects/p/locations/europe-west1/keyRings/main"
  rotation_period = "31536000s"
}

resource "google_kms_crypto_key" "signing" {
  name     = "signing"
  key_ring = "projects/p/locations/europe-west1/keyRings/main"
  purpose  = "ASYMMETRIC_SIGN"
  version_template {
    algorithm = "EC_SIGN_P256_SHA256"
  }
}
