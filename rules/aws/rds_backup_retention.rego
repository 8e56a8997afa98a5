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
#   resource_types: [aws_db_instance, aws_rds_cluster, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
#   controls:
#     soc2: [A1.2, CC7.5]
#   remediation: Set backup_retention_period = 7 (or more, up to 35) on the instance or cluster.
#   remediation_by_format:
#     terraform: >-
#       Set backup_retention_period = 7 (or more, up to 35) on the instance or
#       cluster.
#     cloudformation: >-
#       Set BackupRetentionPeriod to 7 or more on the AWS::RDS::DBInstance or
#       AWS::RDS::DBCluster (CloudFormation defaults to 1).
package attest.rules.aws.rds_backup_retention

import data.attest.lib.aws.rds

minimum := 7

# A read replica's own backups are optional; the source's count.
replica if rds.get("replicate_source_db", "") != ""

deny contains msg if {
	not rds.cluster_member
	not rds.membership_unknown
	not replica
	not rds.is_unknown("replicate_source_db")
	not rds.is_unknown("backup_retention_period")
	days := rds.get("backup_retention_period", 1)
	days < minimum
	msg := sprintf("backup_retention_period is %v days, below %d", [days, minimum])
}

unknown contains msg if {
	not rds.cluster_member
	rds.is_unknown("backup_retention_period")
	msg := "backup_retention_period is not known statically"
}

unknown contains msg if {
	not rds.cluster_member
	rds.is_unknown("replicate_source_db")
	rds.get("backup_retention_period", 1) < minimum
	msg := "replicate_source_db is not known statically: a read replica's own backups are not judged"
}

unknown contains msg if {
	rds.membership_unknown
	msg := "DBClusterIdentifier is not known statically: an Aurora cluster's instances are judged on the cluster"
}
