resource "google_redis_instance" "tls" {
  name           = "tls"
  memory_size_gb = 1
  transit_encryption_mode = "SERVER_AUTHENTICATION"
}

resource "google_redis_instance" "plain" {
  name           = "plain"
  memory_size_gb = 1
}

resource "google_redis_instance" "disabled" {
  name           = "disabled"
  memory_size_gb = 1
  transit_encryption_mode = "DISABLED"
}
