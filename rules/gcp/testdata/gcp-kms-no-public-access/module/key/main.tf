variable "members" {
  type = list(string)
}

resource "google_kms_crypto_key_iam_binding" "this" {
  crypto_key_id = "projects/p/locations/europe/keyRings/main/cryptoKeys/data"
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  members       = var.members
}
