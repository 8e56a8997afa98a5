# METADATA
# title: Cloud SQL for PostgreSQL logs the end of every session
# description: >-
#   With log_disconnections on, PostgreSQL records the end of each session
#   with its duration, which with log_connections shows how long each user
#   stayed connected. It is off by default.
# custom:
#   id: gcp-sql-postgres-log-disconnections
#   severity: low
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.2]
#   remediation: >-
#     Add settings { database_flags { name = "log_disconnections", value =
#     "on" } }.
package attest.rules.gcp.sql_postgres_log_disconnections

import data.attest.lib.gcp

verdict := gcp.sql_flag_check(input.resource, "POSTGRES", "log_disconnections", "off", {"on"})

deny contains msg if {
	verdict == "fail"
	msg := "session ends are not logged: database flag log_disconnections is not \"on\""
}

unknown contains msg if {
	verdict == "unknown"
	msg := "the database version or the database flag log_disconnections is not known statically"
}
