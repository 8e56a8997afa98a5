# METADATA
# title: ElastiCache Redis and Valkey keep automatic snapshots
# description: >-
#   A Redis or Valkey store often holds state that exists nowhere else
#   (sessions, queues, rate limits). With snapshot_retention_limit at its
#   default of 0 no automatic snapshot is taken, so a bad deployment or a
#   deleted node cannot be rolled back. A replication group, or a cluster
#   that belongs to none, passes when it keeps at least one day of
#   snapshots. Memcached, which has no snapshots, is not judged.
# custom:
#   id: aws-elasticache-backup
#   severity: low
#   resource_types: [aws_elasticache_replication_group, aws_elasticache_cluster, "AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster"]
#   controls:
#     soc2: [A1.2, CC7.5]
#   remediation: Set snapshot_retention_limit to the days of snapshots to keep (7 or more is common) and a snapshot_window.
#   remediation_by_format:
#     terraform: >-
#       Set snapshot_retention_limit = 7 (and snapshot_window) on the
#       aws_elasticache_replication_group or aws_elasticache_cluster.
#     cloudformation: >-
#       Set SnapshotRetentionLimit: 7 (and SnapshotWindow) on the
#       AWS::ElastiCache::ReplicationGroup or AWS::ElastiCache::CacheCluster.
package attest.rules.aws.elasticache_backup

import data.attest.lib
import data.attest.lib.aws.svc

group if input.resource.type in {"aws_elasticache_replication_group", "AWS::ElastiCache::ReplicationGroup"}

engine := lower(sprintf("%v", [svc.get("engine", "redis")])) if group

engine := lower(sprintf("%v", [svc.get("engine", "")])) if not group

# A cluster created as a member of a replication group takes the group's
# snapshot settings.
member if {
	not group
	not svc.cfn
	lib.get(input.resource, "replication_group_id", null) != null
}

member if {
	not group
	not svc.cfn
	count(object.get(input.resource, ["refs", "replication_group_id"], [])) > 0
}

# Whether a cluster belongs to a replication group is not known statically.
membership_unknown if {
	not group
	not svc.cfn
	not member
	lib.is_unknown(input.resource, "replication_group_id")
}

retention := svc.get("snapshot_retention_limit", 0)

undetermined if svc.is_unknown("engine")

undetermined if svc.is_unknown("snapshot_retention_limit")

undetermined if membership_unknown

deny contains msg if {
	not member
	engine in {"redis", "valkey"}
	not undetermined
	not retention > 0
	msg := "snapshot_retention_limit is 0, so no automatic snapshot is kept"
}

unknown contains msg if {
	not member
	undetermined
	msg := "the engine or snapshot_retention_limit is not known statically"
}
