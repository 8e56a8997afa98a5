# METADATA
# title: Cloud SQL for SQL Server does not allow contained database users
# description: >-
#   Contained databases carry their own users and passwords, which the
#   server's logins and their review do not see, and a database owner can
#   create such users on their own. Keep the flag off (the default) so that
#   every account is a server login.
# custom:
#   id: gcp-sql-sqlserver-contained-database-authentication-off
#   severity: medium
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.2.4, 2.2.6]
#   remediation: >-
#     Remove the "contained database authentication" database flag, or set
#     its value to "off".
package attest.rules.gcp.sql_sqlserver_contained_database_authentication_off

import data.attest.lib.gcp

verdict := gcp.sql_flag_check(input.resource, "SQLSERVER", "contained database authentication", "off", {"off"})

deny contains msg if {
	verdict == "fail"
	msg := "users may be defined inside databases: database flag contained database authentication is \"on\""
}

unknown contains msg if {
	verdict == "unknown"
	msg := "the database version or the database flag contained database authentication is not known statically"
}
