resource "google_compute_disk" "d" {
  for_each = { data = "projects/p/locations/europe-west1/keyRings/main/cryptoKeys/disks", scratch = null }
  name     = each.key
  zone     = "europe-west1-b"
  dynamic "disk_encryption_key" {
    for_each = each.value == null ? [] : [each.value]
    content {
      kms_key_self_link = disk_encryption_key.value
    }
  }
}
