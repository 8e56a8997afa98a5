# METADATA
# title: RDS keeps automated backups for at least 7 days
# description: >-
#   Automated backups allow a restore to any second within the retention
#   window. Seven days is the floor we ask for: a problem found after a
#   weekend or a holiday week (silent corruption, a bad migration, a deleted
#   table) can still be rolled back, while the provider default of 1 day (and
#   0, which disables backups) leaves no time to notice. Longer retention
#   belongs in AWS Backup plans.
# custom:
#   id: aws-rds-backup-retention
#   severity: medium
#   resource_types: [aws_db_instance, aws_rds_cluster]
#   controls:
#     soc2: [A1.2, CC7.5]
#   remediation: Set backup_retention_period = 7 (or more, up to 35) on the instance or cluster.
package attest.rules.aws.rds_backup_retention

import data.attest.lib

minimum := 7

# A read replica's own backups are optional; the source's count.
replica if lib.get(input.resource, "replicate_source_db", "") != ""

deny contains msg if {
	not replica
	not lib.is_unknown(input.resource, "replicate_source_db")
	not lib.is_unknown(input.resource, "backup_retention_period")
	days := lib.get(input.resource, "backup_retention_period", 1)
	days < minimum
	msg := sprintf("backup_retention_period is %v days, below %d", [days, minimum])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "backup_retention_period")
	msg := "backup_retention_period is not known statically"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "replicate_source_db")
	lib.get(input.resource, "backup_retention_period", 1) < minimum
	msg := "replicate_source_db is not known statically: a read replica's own backups are not judged"
}
