variable "key" {
  type = string
}

resource "google_dataproc_cluster" "from_variable" {
  name   = "from-variable"
  region = "europe-west1"
  cluster_config {
    master_config {
      num_instances = 1
    }
    encryption_config {
      kms_key_name = var.key
    }
  }
}
