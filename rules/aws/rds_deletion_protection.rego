# METADATA
# title: RDS databases have deletion protection
# description: >-
#   Deletion protection makes the API refuse to delete a database until the
#   setting is turned off, so a mistaken terraform destroy or console click
#   cannot remove it together with its automated backups.
# custom:
#   id: aws-rds-deletion-protection
#   severity: low
#   resource_types: [aws_db_instance, aws_rds_cluster]
#   controls:
#     soc2: [A1.2]
#   remediation: Set deletion_protection = true.
package attest.rules.aws.rds_deletion_protection

import data.attest.lib

deny contains msg if {
	not lib.is_unknown(input.resource, "deletion_protection")
	lib.get(input.resource, "deletion_protection", false) != true
	msg := "deletion_protection is not enabled"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "deletion_protection")
	msg := "deletion_protection is not known statically"
}
