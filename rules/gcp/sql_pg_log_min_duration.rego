# METADATA
# title: Cloud SQL for PostgreSQL does not log statement texts by duration
# description: >-
#   log_min_duration_statement writes the full text of every statement
#   slower than the threshold to the logs, literal values included: card
#   numbers, personal data or passwords in an ALTER ROLE end up in a log
#   store with wider access than the database. Keep it at -1 (off, the
#   default) and use Query Insights for slow queries.
# custom:
#   id: gcp-sql-postgres-log-min-duration-statement-disabled
#   severity: low
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [C1.1, CC6.1]
#     pci-dss-4.0: [3.2.1]
#   remediation: >-
#     Remove the log_min_duration_statement database flag, or set its value
#     to "-1".
package attest.rules.gcp.sql_postgres_log_min_duration_statement

import data.attest.lib.gcp

verdict := gcp.sql_flag_check(input.resource, "POSTGRES", "log_min_duration_statement", "-1", {"-1"})

deny contains msg if {
	verdict == "fail"
	msg := "statement texts are logged: database flag log_min_duration_statement is not -1"
}

unknown contains msg if {
	verdict == "unknown"
	msg := "the database version or the database flag log_min_duration_statement is not known statically"
}
