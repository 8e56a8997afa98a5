# METADATA
# title: RDS databases have deletion protection
# description: >-
#   Deletion protection makes the API refuse to delete a database until the
#   setting is turned off, so a mistaken terraform destroy or console click
#   cannot remove it together with its automated backups.
# custom:
#   id: aws-rds-deletion-protection
#   severity: low
#   resource_types: [aws_db_instance, aws_rds_cluster, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
#   controls:
#     soc2: [A1.2]
#   remediation: Set deletion_protection = true.
#   remediation_by_format:
#     terraform: >-
#       Set deletion_protection = true.
#     cloudformation: >-
#       Set DeletionProtection: true on the AWS::RDS::DBInstance or
#       AWS::RDS::DBCluster.
package attest.rules.aws.rds_deletion_protection

import data.attest.lib.aws.rds

deny contains msg if {
	not rds.cluster_member
	not rds.membership_unknown
	not rds.is_unknown("deletion_protection")
	rds.get("deletion_protection", false) != true
	msg := "deletion_protection is not enabled"
}

unknown contains msg if {
	not rds.cluster_member
	rds.is_unknown("deletion_protection")
	msg := "deletion_protection is not known statically"
}

unknown contains msg if {
	rds.membership_unknown
	msg := "DBClusterIdentifier is not known statically: an Aurora cluster's instances are judged on the cluster"
}
