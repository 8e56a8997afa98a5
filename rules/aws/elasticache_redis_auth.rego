# METADATA
# title: ElastiCache Redis and Valkey replication groups require authentication
# description: >-
#   Without an AUTH token or RBAC user group, anything that can reach the
#   cache's port can read and change every key, including sessions and
#   tokens. A Redis or Valkey replication group passes when it sets an
#   auth_token or names user groups (user_group_ids); Memcached, which has
#   no such authentication, is not judged.
# custom:
#   id: aws-elasticache-redis-auth
#   severity: high
#   resource_types: [aws_elasticache_replication_group, "AWS::ElastiCache::ReplicationGroup"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.1, 7.3.1]
#   remediation: Enable encryption in transit and give the group an RBAC user group (user_group_ids) or an AUTH token kept in Secrets Manager.
#   remediation_by_format:
#     terraform: >-
#       Set transit_encryption_enabled = true and user_group_ids =
#       [aws_elasticache_user_group.<name>.user_group_id] (or auth_token from
#       a secret) on the aws_elasticache_replication_group.
#     cloudformation: >-
#       Set TransitEncryptionEnabled: true and UserGroupIds (or AuthToken
#       from a {{resolve:secretsmanager:...}} reference) on the
#       AWS::ElastiCache::ReplicationGroup.
package attest.rules.aws.elasticache_redis_auth

import data.attest.lib.aws.svc

engine := lower(sprintf("%v", [svc.get("engine", "redis")]))

authenticated if svc.set("auth_token")

authenticated if svc.set("user_group_ids")

undetermined if svc.is_unknown("engine")

undetermined if svc.is_unknown("auth_token")

undetermined if svc.is_unknown("user_group_ids")

deny contains msg if {
	engine in {"redis", "valkey"}
	not authenticated
	not undetermined
	msg := sprintf("the %s replication group has neither an AUTH token nor RBAC user groups", [engine])
}

unknown contains msg if {
	not authenticated
	undetermined
	msg := "the engine or the authentication settings are not known statically"
}
