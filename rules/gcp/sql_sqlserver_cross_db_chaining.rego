# METADATA
# title: Cloud SQL for SQL Server does not chain ownership across databases
# description: >-
#   Cross-database ownership chaining lets an object in one database reach
#   objects in another owned by the same login without a permission check,
#   so a user of one database can read another's data. Keep the flag off
#   (the default).
# custom:
#   id: gcp-sql-sqlserver-cross-db-ownership-chaining-off
#   severity: medium
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.2, 2.2.6]
#   remediation: >-
#     Remove the "cross db ownership chaining" database flag, or set its
#     value to "off".
package attest.rules.gcp.sql_sqlserver_cross_db_ownership_chaining_off

import data.attest.lib.gcp

verdict := gcp.sql_flag_check(input.resource, "SQLSERVER", "cross db ownership chaining", "off", {"off"})

deny contains msg if {
	verdict == "fail"
	msg := "permission checks are skipped across databases: database flag cross db ownership chaining is \"on\""
}

unknown contains msg if {
	verdict == "unknown"
	msg := "the database version or the database flag cross db ownership chaining is not known statically"
}
