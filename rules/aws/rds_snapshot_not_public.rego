# METADATA
# title: RDS snapshots are not shared with everyone
# description: >-
#   A manual snapshot shared with "all" can be copied and restored by any
#   AWS account, which hands over the whole database, however well the
#   live instance is protected. A DB or cluster snapshot passes when "all"
#   is not among the accounts it is shared with.
# custom:
#   id: aws-rds-snapshot-not-public
#   severity: critical
#   resource_types: [aws_db_snapshot, aws_db_cluster_snapshot, aws_db_snapshot_copy]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [7.2.1, 1.4.4]
#   remediation: Remove "all" from shared_accounts and share the snapshot only with the account ids that need it.
#   remediation_by_format:
#     terraform: >-
#       Remove "all" from shared_accounts on the snapshot resource and list
#       only the account ids that must restore it.
package attest.rules.aws.rds_snapshot_not_public

import data.attest.lib

shared := lib.get(input.resource, "shared_accounts", [])

deny contains msg if {
	"all" in shared
	msg := "the snapshot is shared with every AWS account (all)"
}

unknown contains msg if {
	not "all" in shared
	lib.is_unknown(input.resource, "shared_accounts")
	msg := "shared_accounts is not known statically"
}
