# METADATA
# title: RDS databases accept IAM authentication
# description: >-
#   With IAM database authentication people and services sign in with
#   short-lived tokens tied to their own IAM identity, so access is granted,
#   logged in CloudTrail and revoked in one place instead of through shared
#   database passwords. A MySQL, MariaDB or PostgreSQL instance, or an
#   Aurora MySQL or PostgreSQL cluster, passes when IAM database
#   authentication is enabled; engines that do not support it are not
#   judged.
# custom:
#   id: aws-rds-iam-auth
#   severity: medium
#   resource_types: [aws_db_instance, aws_rds_cluster, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.2.1, 8.2.2, 8.6.3]
#   remediation: Set iam_database_authentication_enabled = true and create database users that authenticate with the AWS IAM plugin (rds_iam role in PostgreSQL).
#   remediation_by_format:
#     terraform: >-
#       Set iam_database_authentication_enabled = true on the aws_db_instance
#       or aws_rds_cluster and grant rds-db:connect to the roles of the people
#       and services that connect.
#     cloudformation: >-
#       Set EnableIAMDatabaseAuthentication: true on the AWS::RDS::DBInstance
#       or AWS::RDS::DBCluster and grant rds-db:connect to the callers' roles.
package attest.rules.aws.rds_iam_auth

import data.attest.lib
import data.attest.lib.aws.rds
import data.attest.lib.aws.svc

names := {"engine": "Engine", "iam": "EnableIAMDatabaseAuthentication"} if rds.cfn

names := {"engine": "engine", "iam": "iam_database_authentication_enabled"} if not rds.cfn

supported := {"mysql", "mariadb", "postgres", "aurora", "aurora-mysql", "aurora-postgresql"}

# An aws_rds_cluster without an engine is Aurora MySQL.
engine := lower(lib.get(input.resource, names.engine, "aurora")) if rds.is_cluster

engine := lower(lib.get(input.resource, names.engine, "")) if not rds.is_cluster

enabled if svc.normal(lib.get(input.resource, names.iam, false)) == true

deny contains msg if {
	not rds.cluster_member
	not rds.membership_unknown
	engine in supported
	not lib.is_unknown(input.resource, names.iam)
	not enabled
	msg := sprintf("IAM database authentication is not enabled on this %s database", [engine])
}

unknown contains msg if {
	not rds.cluster_member
	not enabled
	lib.is_unknown(input.resource, names.engine)
	msg := "the engine is not known statically"
}

unknown contains msg if {
	not rds.cluster_member
	engine in supported
	lib.is_unknown(input.resource, names.iam)
	msg := "iam_database_authentication_enabled is not known statically"
}
