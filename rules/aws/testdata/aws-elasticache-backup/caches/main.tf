variable "retention" {
  type = number
}

resource "aws_elasticache_replication_group" "kept" {
  replication_group_id     = "sessions"
  description              = "sessions"
  node_type                = "cache.t4g.small"
  snapshot_retention_limit = 7
  snapshot_window          = "03:00-04:00"
}

resource "aws_elasticache_replication_group" "none" {
  replication_group_id = "cache"
  description          = "cache"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "configurable" {
  replication_group_id     = "queue"
  description              = "queue"
  node_type                = "cache.t4g.small"
  snapshot_retention_limit = var.retention
}

resource "aws_elasticache_cluster" "member" {
  cluster_id           = "sessions-2"
  replication_group_id = aws_elasticache_replication_group.kept.id
}

resource "aws_elasticache_cluster" "standalone" {
  for_each        = { redis = 0, memcached = 0 }
  cluster_id      = each.key
  engine          = each.key
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}
