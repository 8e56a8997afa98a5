variable "mode" {
  type = string
}

resource "google_redis_instance" "from_variable" {
  name           = "from-variable"
  memory_size_gb = 1
  transit_encryption_mode = var.mode
}
