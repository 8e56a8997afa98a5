# METADATA
# title: Cloud SQL for MySQL does not load local files
# description: >-
#   With local_infile on, LOAD DATA LOCAL lets the server ask a client for
#   any file it can read, which a malicious or compromised server or an SQL
#   injection can use to read files from application hosts. The flag is off
#   by default.
# custom:
#   id: gcp-sql-mysql-local-infile-off
#   severity: medium
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [2.2.4, 2.2.6]
#   remediation: >-
#     Remove the local_infile database flag, or set its value to "off".
package attest.rules.gcp.sql_mysql_local_infile_off

import data.attest.lib.gcp

verdict := gcp.sql_flag_check(input.resource, "MYSQL", "local_infile", "off", {"off"})

deny contains msg if {
	verdict == "fail"
	msg := "LOAD DATA LOCAL is allowed: database flag local_infile is \"on\""
}

unknown contains msg if {
	verdict == "unknown"
	msg := "the database version or the database flag local_infile is not known statically"
}
