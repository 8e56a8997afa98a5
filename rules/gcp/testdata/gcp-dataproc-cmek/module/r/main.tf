variable "key" {
  type    = string
  default = null
}

resource "google_dataproc_cluster" "this" {
  name   = "this"
  region = "europe-west1"
  cluster_config {
    master_config {
      num_instances = 1
    }
    dynamic "encryption_config" {
      for_each = var.key == null ? [] : [var.key]
      content {
        kms_key_name = encryption_config.value
      }
    }
  }
}
