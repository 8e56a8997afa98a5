# METADATA
# title: ElastiCache replication groups encrypt data at rest
# description: >-
#   Cached data, backups and swap of a Redis OSS replication group are stored
#   in the clear unless encryption at rest is on. A replication group passes
#   when at_rest_encryption_enabled is true, or when it is absent and the
#   engine is Valkey (which AWS encrypts at rest by default); for Redis OSS
#   the default is off.
# custom:
#   id: aws-elasticache-encryption-at-rest
#   severity: high
#   resource_types: [aws_elasticache_replication_group, "AWS::ElastiCache::ReplicationGroup"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Set at_rest_encryption_enabled = true (with kms_key_id for a customer managed key).
#   remediation_by_format:
#     terraform: >-
#       Set at_rest_encryption_enabled = true (and kms_key_id for a customer
#       managed key) on the aws_elasticache_replication_group.
#     cloudformation: >-
#       Set AtRestEncryptionEnabled: true (and KmsKeyId for a customer managed
#       key) on the AWS::ElastiCache::ReplicationGroup.
package attest.rules.aws.elasticache_encryption_at_rest

import data.attest.lib.aws.props

set_explicitly if props.get("at_rest_encryption_enabled", null) != null

valkey if lower(props.get("engine", "redis")) == "valkey"

encrypted if props.get("at_rest_encryption_enabled", false) == true

encrypted if {
	not set_explicitly
	not props.is_unknown("at_rest_encryption_enabled")
	valkey
}

undetermined if props.is_unknown("at_rest_encryption_enabled")

undetermined if {
	not set_explicitly
	props.is_unknown("engine")
}

deny contains msg if {
	not encrypted
	not undetermined
	msg := "at_rest_encryption_enabled is not true"
}

unknown contains msg if {
	not encrypted
	undetermined
	msg := "at_rest_encryption_enabled, or the engine that sets its default, is not known statically"
}
