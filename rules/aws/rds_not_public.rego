# METADATA
# title: RDS instances are not publicly accessible
# description: >-
#   A publicly accessible instance gets a DNS name that resolves to a public
#   address, so its only remaining protection against the internet is its
#   security groups and its passwords. Databases that hold sensitive data
#   belong in private subnets, reached through the application.
# custom:
#   id: aws-rds-not-public
#   severity: critical
#   resource_types: [aws_db_instance, aws_rds_cluster_instance, "AWS::RDS::DBInstance"]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: Set publicly_accessible = false and place the database in private subnets.
#   remediation_by_format:
#     terraform: >-
#       Set publicly_accessible = false and place the database in private
#       subnets.
#     cloudformation: >-
#       Set PubliclyAccessible: false on the AWS::RDS::DBInstance and reach it
#       through a private subnet group, a VPN or a bastion.
package attest.rules.aws.rds_not_public

import data.attest.lib.aws.rds

deny contains msg if {
	rds.get("publicly_accessible", false) == true
	msg := "publicly_accessible is true"
}

unknown contains msg if {
	rds.is_unknown("publicly_accessible")
	msg := "publicly_accessible is not known statically"
}
