variable "tls" {
  type = bool
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "migrating" {
  replication_group_id       = "migrating"
  description                = "migrating"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
  transit_encryption_mode    = "preferred"
}

resource "aws_elasticache_replication_group" "plain" {
  replication_group_id = "cache"
  description          = "cache"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "configurable" {
  replication_group_id       = "queue"
  description                = "queue"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = var.tls
}
