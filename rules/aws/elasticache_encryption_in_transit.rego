# METADATA
# title: ElastiCache replication groups require encryption in transit
# description: >-
#   Without TLS, cached data and AUTH tokens cross the network in the clear.
#   A replication group passes when transit_encryption_enabled is true and
#   transit_encryption_mode is not "preferred" (a mode that still accepts
#   unencrypted connections, meant only for migrating clients). Encryption in
#   transit is off unless it is asked for, whatever the engine.
# custom:
#   id: aws-elasticache-encryption-in-transit
#   severity: high
#   resource_types: [aws_elasticache_replication_group, "AWS::ElastiCache::ReplicationGroup"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1, 8.3.2]
#   remediation: Set transit_encryption_enabled = true and transit_encryption_mode = "required".
#   remediation_by_format:
#     terraform: >-
#       Set transit_encryption_enabled = true (and transit_encryption_mode =
#       "required", or leave the mode unset) on the
#       aws_elasticache_replication_group.
#     cloudformation: >-
#       Set TransitEncryptionEnabled: true (and TransitEncryptionMode:
#       required, or leave it unset) on the
#       AWS::ElastiCache::ReplicationGroup.
package attest.rules.aws.elasticache_encryption_in_transit

import data.attest.lib.aws.props

enabled if props.get("transit_encryption_enabled", false) == true

preferred if lower(props.get("transit_encryption_mode", "")) == "preferred"

deny contains msg if {
	not enabled
	not props.is_unknown("transit_encryption_enabled")
	msg := "transit_encryption_enabled is not true"
}

deny contains msg if {
	enabled
	preferred
	msg := "transit_encryption_mode is \"preferred\", which still accepts unencrypted connections"
}

unknown contains msg if {
	not enabled
	props.is_unknown("transit_encryption_enabled")
	msg := "transit_encryption_enabled is not known statically"
}

unknown contains msg if {
	enabled
	props.is_unknown("transit_encryption_mode")
	msg := "transit_encryption_mode is not known statically"
}
