variable "engine" {
  type = string
}

resource "aws_elasticache_replication_group" "per_env" {
  for_each                   = { prod = true, dev = false }
  replication_group_id       = "cache-${each.key}"
  description                = "cache for ${each.key}"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = each.value
}

resource "aws_elasticache_replication_group" "engine_unknown" {
  replication_group_id = "flex"
  description          = "flex"
  engine               = var.engine
  node_type            = "cache.t4g.small"
}
