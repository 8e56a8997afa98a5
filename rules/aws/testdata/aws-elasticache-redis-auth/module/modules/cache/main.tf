variable "user_groups" {
  type    = list(string)
  default = []
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "cache"
  description                = "cache"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
  user_group_ids             = var.user_groups
}
