# METADATA
# title: Cloud SQL for SQL Server refuses remote stored procedure calls
# description: >-
#   The remote access option lets other SQL Server instances run stored
#   procedures on this one, and this one on them, a channel between servers
#   that is on by default and that attackers use to move laterally. Turn it
#   off.
# custom:
#   id: gcp-sql-sqlserver-remote-access-off
#   severity: low
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [2.2.4, 1.3.2]
#   remediation: >-
#     Add settings { database_flags { name = "remote access", value = "off" }
#     }.
package attest.rules.gcp.sql_sqlserver_remote_access_off

import data.attest.lib.gcp

verdict := gcp.sql_flag_check(input.resource, "SQLSERVER", "remote access", "on", {"off"})

deny contains msg if {
	verdict == "fail"
	msg := "stored procedures may be called from and on other servers: database flag remote access is not \"off\""
}

unknown contains msg if {
	verdict == "unknown"
	msg := "the database version or the database flag remote access is not known statically"
}
