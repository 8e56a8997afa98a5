resource "aws_elasticache_replication_group" "per_env" {
  for_each                   = toset(["prod", "dev"])
  replication_group_id       = "cache-${each.key}"
  description                = "cache for ${each.key}"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = each.key == "prod"
}
