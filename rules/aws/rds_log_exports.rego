# METADATA
# title: RDS databases export their audit or engine logs to CloudWatch
# description: >-
#   A database's own log of connections, failed sign-ins and statements
#   stays on the instance, rotated away within days, unless it is exported to
#   CloudWatch Logs. A database passes when it exports the log that records
#   access for its engine: postgresql for PostgreSQL, audit for MySQL,
#   MariaDB and Oracle (with the audit plugin or option set configured), and
#   any log for SQL Server.
# custom:
#   id: aws-rds-log-exports
#   severity: medium
#   resource_types: [aws_db_instance, aws_rds_cluster, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.2, 10.2.1.4]
#   remediation: Add the engine's access log to enabled_cloudwatch_logs_exports (postgresql, or audit with the audit plugin for MySQL/MariaDB).
#   remediation_by_format:
#     terraform: >-
#       Set enabled_cloudwatch_logs_exports = ["postgresql"] (PostgreSQL) or
#       ["audit", "error"] (MySQL, MariaDB, Oracle, with the audit plugin in
#       the option or parameter group) on the aws_db_instance or
#       aws_rds_cluster.
#     cloudformation: >-
#       Set EnableCloudwatchLogsExports: [postgresql] (PostgreSQL) or [audit,
#       error] (MySQL, MariaDB, Oracle) on the AWS::RDS::DBInstance or
#       AWS::RDS::DBCluster.
package attest.rules.aws.rds_log_exports

import data.attest.lib
import data.attest.lib.aws.rds

names := {"engine": "Engine", "logs": "EnableCloudwatchLogsExports"} if rds.cfn

names := {"engine": "engine", "logs": "enabled_cloudwatch_logs_exports"} if not rds.cfn

engine := lower(lib.get(input.resource, names.engine, "aurora")) if rds.is_cluster

engine := lower(lib.get(input.resource, names.engine, "")) if not rds.is_cluster

exports := lib.get(input.resource, names.logs, [])

# needed is the log type that records access for the engine.
needed := "postgresql" if contains(engine, "postgres")

needed := "audit" if {
	some p in ["mysql", "mariadb", "oracle", "aurora"]
	startswith(engine, p)
	not contains(engine, "postgres")
}

exported if needed in exports

exported if {
	startswith(engine, "sqlserver")
	count(exports) > 0
}

undetermined if lib.is_unknown(input.resource, names.logs)

undetermined if lib.is_unknown(input.resource, names.engine)

deny contains msg if {
	not rds.cluster_member
	not rds.membership_unknown
	not undetermined
	not exported
	needed
	msg := sprintf("the %s database does not export its %s log", [engine, needed])
}

deny contains msg if {
	not rds.cluster_member
	not rds.membership_unknown
	not undetermined
	not exported
	startswith(engine, "sqlserver")
	msg := "the SQL Server database exports no logs"
}

unknown contains msg if {
	not rds.cluster_member
	not exported
	undetermined
	msg := "the engine or the exported log types are not known statically"
}
