variable "auth" {
  type = bool
}

resource "google_redis_instance" "from_variable" {
  name           = "from-variable"
  memory_size_gb = 1
  auth_enabled = var.auth
}
