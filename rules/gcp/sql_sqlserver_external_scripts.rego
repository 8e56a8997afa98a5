# METADATA
# title: Cloud SQL for SQL Server does not run external scripts
# description: >-
#   The external scripts enabled flag lets queries run R and Python code
#   through sp_execute_external_script, a path for running arbitrary code
#   next to the data that few applications need. Keep it off (the default).
# custom:
#   id: gcp-sql-sqlserver-external-scripts-off
#   severity: medium
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC6.8]
#     pci-dss-4.0: [2.2.4]
#   remediation: >-
#     Remove the "external scripts enabled" database flag, or set its value
#     to "off".
package attest.rules.gcp.sql_sqlserver_external_scripts_off

import data.attest.lib.gcp

verdict := gcp.sql_flag_check(input.resource, "SQLSERVER", "external scripts enabled", "off", {"off"})

deny contains msg if {
	verdict == "fail"
	msg := "R and Python scripts may run in the database: database flag external scripts enabled is \"on\""
}

unknown contains msg if {
	verdict == "unknown"
	msg := "the database version or the database flag external scripts enabled is not known statically"
}
