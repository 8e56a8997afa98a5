variable "uniform" {
  type = bool
}

resource "google_storage_bucket" "from_variable" {
  name                        = "acme-var"
  location                    = "EU"
  uniform_bucket_level_access = var.uniform
}
