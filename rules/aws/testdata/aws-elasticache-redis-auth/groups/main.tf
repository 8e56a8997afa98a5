variable "token" {
  type      = string
  sensitive = true
}

resource "aws_elasticache_user_group" "app" {
  engine        = "redis"
  user_group_id = "app"
  user_ids      = ["default-disabled", "app"]
}

resource "aws_elasticache_replication_group" "rbac" {
  replication_group_id       = "sessions"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
  user_group_ids             = [aws_elasticache_user_group.app.user_group_id]
}

resource "aws_elasticache_replication_group" "open" {
  replication_group_id = "cache"
  description          = "cache"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "valkey_open" {
  replication_group_id = "valkey"
  description          = "valkey"
  engine               = "valkey"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "token" {
  replication_group_id       = "queue"
  description                = "queue"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
  auth_token                 = var.token
}
