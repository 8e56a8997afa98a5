variable "encrypt" {
  type = bool
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "valkey" {
  replication_group_id = "rates"
  description          = "rates"
  engine               = "valkey"
  node_type            = "cache.t4g.small"
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
  at_rest_encryption_enabled = var.encrypt
}
