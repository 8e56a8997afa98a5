# METADATA
# title: Cloud SQL for PostgreSQL records schema and privilege changes
# description: >-
#   Without statement auditing, a table dropped, a role granted superuser
#   rights or a trigger added to copy data leaves no trace in the logs.
#   Either the pgAudit extension (database flag cloudsql.enable_pgaudit on,
#   with pgaudit.log choosing the classes) or log_statement set to ddl, mod
#   or all records such statements with the user who ran them.
# custom:
#   id: gcp-sql-postgres-statement-audit
#   severity: medium
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC7.2, CC8.1]
#     pci-dss-4.0: [10.2.1, 10.2.1.2, 10.2.1.5, 10.2.1.7]
#   remediation: >-
#     Add settings { database_flags { name = "cloudsql.enable_pgaudit", value
#     = "on" } database_flags { name = "pgaudit.log", value = "ddl,role" } },
#     or database_flags { name = "log_statement", value = "ddl" }.
package attest.rules.gcp.sql_postgres_statement_audit

import data.attest.lib.gcp

pgaudit := gcp.sql_flag_check(input.resource, "POSTGRES", "cloudsql.enable_pgaudit", "off", {"on"})

log_statement := gcp.sql_flag_check(input.resource, "POSTGRES", "log_statement", "none", {"ddl", "mod", "all"})

deny contains msg if {
	pgaudit == "fail"
	log_statement == "fail"
	msg := "DDL and role changes are not logged: neither cloudsql.enable_pgaudit is \"on\" nor log_statement is ddl, mod or all"
}

unknown contains msg if {
	"unknown" in {pgaudit, log_statement}
	not "pass" in {pgaudit, log_statement}
	msg := "the database version or the flags cloudsql.enable_pgaudit and log_statement are not known statically"
}
