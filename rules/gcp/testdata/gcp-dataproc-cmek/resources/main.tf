resource "google_kms_crypto_key" "k" {
  name     = "k"
  key_ring = "projects/p/locations/europe-west1/keyRings/main"
}

resource "google_dataproc_cluster" "by_reference" {
  name   = "by-reference"
  region = "europe-west1"
  cluster_config {
    master_config {
      num_instances = 1
    }
    encryption_config {
      kms_key_name = google_kms_crypto_key.k.id
    }
  }
}

resource "google_dataproc_cluster" "by_name" {
  name   = "by-name"
  region = "europe-west1"
  cluster_config {
    master_config {
      num_instances = 1
    }
    encryption_config {
      kms_key_name = "projects/p/locations/europe-west1/keyRings/main/cryptoKeys/k"
    }
  }
}

resource "google_dataproc_cluster" "google_keys" {
  name   = "google-keys"
  region = "europe-west1"
  cluster_config {
    master_config {
      num_instances = 1
    }
  }
}
