resource "google_kms_crypto_key_iam_member" "public" {
  crypto_key_id = "projects/p/locations/europe/keyRings/main/cryptoKeys/data"
  role    = "roles/cloudkms.cryptoKeyDecrypter"
  member  = "allUsers"
}

resource "google_kms_crypto_key_iam_member" "agent" {
  crypto_key_id = "projects/p/locations/europe/keyRings/main/cryptoKeys/data"
  role    = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member  = "serviceAccount:service-1@gs-project-accounts.iam.gserviceaccount.com"
}

resource "google_kms_crypto_key_iam_binding" "public" {
  crypto_key_id = "projects/p/locations/europe/keyRings/main/cryptoKeys/data"
  role    = "roles/cloudkms.cryptoKeyDecrypter"
  members = ["allAuthenticatedUsers"]
}

resource "google_kms_crypto_key_iam_binding" "agent" {
  crypto_key_id = "projects/p/locations/europe/keyRings/main/cryptoKeys/data"
  role    = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  members = ["serviceAccount:service-1@gs-project-accounts.iam.gserviceaccount.com"]
}

resource "google_kms_key_ring_iam_member" "public" {
  key_ring_id = "projects/p/locations/europe/keyRings/main"
  role    = "roles/cloudkms.cryptoKeyDecrypter"
  member  = "allUsers"
}

resource "google_kms_key_ring_iam_member" "agent" {
  key_ring_id = "projects/p/locations/europe/keyRings/main"
  role    = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member  = "serviceAccount:service-1@gs-project-accounts.iam.gserviceaccount.com"
}

resource "google_kms_key_ring_iam_binding" "public" {
  key_ring_id = "projects/p/locations/europe/keyRings/main"
  role    = "roles/cloudkms.cryptoKeyDecrypter"
  members = ["allAuthenticatedUsers"]
}

resource "google_kms_key_ring_iam_binding" "agent" {
  key_ring_id = "projects/p/locations/europe/keyRings/main"
  role    = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  members = ["serviceAccount:service-1@gs-project-accounts.iam.gserviceaccount.com"]
}
