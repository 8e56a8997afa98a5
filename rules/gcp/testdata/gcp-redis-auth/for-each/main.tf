resource "google_redis_instance" "r" {
  for_each       = { sessions = true, cache = false }
  name           = each.key
  memory_size_gb = 1
  auth_enabled   = each.value
}
