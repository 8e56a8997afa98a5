# METADATA
# title: Cloud SQL for MySQL hides database names from users without rights to them
# description: >-
#   Without skip_show_database every user may run SHOW DATABASES and learn
#   the names of all databases on the instance, including those it has no
#   access to. With the flag on, only users with the SHOW DATABASES
#   privilege can.
# custom:
#   id: gcp-sql-mysql-skip-show-database
#   severity: low
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.6, 2.2.6]
#   remediation: >-
#     Add settings { database_flags { name = "skip_show_database", value =
#     "on" } }.
package attest.rules.gcp.sql_mysql_skip_show_database

import data.attest.lib.gcp

verdict := gcp.sql_flag_check(input.resource, "MYSQL", "skip_show_database", "off", {"on"})

deny contains msg if {
	verdict == "fail"
	msg := "every user can list all databases: database flag skip_show_database is not \"on\""
}

unknown contains msg if {
	verdict == "unknown"
	msg := "the database version or the database flag skip_show_database is not known statically"
}
