# METADATA
# title: DocumentDB clusters keep a week of backups
# description: >-
#   DocumentDB keeps one day of automated backups unless told otherwise,
#   so a corruption or deletion noticed after the weekend cannot be
#   undone by point-in-time restore. A cluster passes when
#   backup_retention_period is at least 7 days.
# custom:
#   id: aws-docdb-backup-retention
#   severity: low
#   resource_types: [aws_docdb_cluster, "AWS::DocDB::DBCluster"]
#   controls:
#     soc2: [A1.2, CC7.5]
#   remediation: Set backup_retention_period to 7 or more (up to 35) days.
#   remediation_by_format:
#     terraform: >-
#       Set backup_retention_period = 7 (or more, up to 35) on the
#       aws_docdb_cluster.
#     cloudformation: >-
#       Set BackupRetentionPeriod: 7 (or more, up to 35) on the
#       AWS::DocDB::DBCluster.
package attest.rules.aws.docdb_backup_retention

import data.attest.lib

attr := "backup_retention_period" if input.resource.format != "cloudformation"

attr := "BackupRetentionPeriod" if input.resource.format == "cloudformation"

default_value := 1

value := _normal(lib.get(input.resource, attr, default_value))

good if {
	is_number(value)
	value >= 7
}

undetermined if lib.is_unknown(input.resource, attr)

deny contains msg if {
	not good
	not undetermined
	msg := sprintf("backup_retention_period is %v days, fewer than 7", [value])
}

# The default never stands in for a value that is not known.
unknown contains msg if {
	undetermined
	msg := sprintf("%s is not known statically", [attr])
}

_normal(v) := true if {
	is_string(v)
	lower(v) == "true"
} else := false if {
	is_string(v)
	lower(v) == "false"
} else := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
} else := v
