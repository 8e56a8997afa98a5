resource "google_redis_instance" "r" {
  for_each                = { sessions = "SERVER_AUTHENTICATION", cache = "DISABLED" }
  name                    = each.key
  memory_size_gb          = 1
  transit_encryption_mode = each.value
}
