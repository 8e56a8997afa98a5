# METADATA
# title: Cloud SQL for PostgreSQL logs every connection
# description: >-
#   With log_connections on, PostgreSQL records each connection attempt
#   with the user, database and client address, the record needed to tell
#   who reached the data and from where. It is off by default.
# custom:
#   id: gcp-sql-postgres-log-connections
#   severity: low
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1]
#   remediation: >-
#     Add settings { database_flags { name = "log_connections", value = "on"
#     } }.
package attest.rules.gcp.sql_postgres_log_connections

import data.attest.lib.gcp

verdict := gcp.sql_flag_check(input.resource, "POSTGRES", "log_connections", "off", {"on"})

deny contains msg if {
	verdict == "fail"
	msg := "connections are not logged: database flag log_connections is not \"on\""
}

unknown contains msg if {
	verdict == "unknown"
	msg := "the database version or the database flag log_connections is not known statically"
}
