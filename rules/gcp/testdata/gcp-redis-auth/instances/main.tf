resource "google_redis_instance" "auth" {
  name           = "auth"
  memory_size_gb = 1
  auth_enabled = true
}

resource "google_redis_instance" "open" {
  name           = "open"
  memory_size_gb = 1
}

resource "google_redis_instance" "off" {
  name           = "off"
  memory_size_gb = 1
  auth_enabled = false
}
