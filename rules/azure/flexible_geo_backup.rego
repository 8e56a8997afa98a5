# METADATA
# title: PostgreSQL and MySQL flexible servers keep backups in a second region
# description: >-
#   Locally redundant backups are lost with the region that holds them. Geo-
#   redundant backup storage copies them to the paired region, so the server
#   can be restored after a regional outage. It can only be chosen when the
#   server is created, and the provider leaves geo_redundant_backup_enabled
#   false.
# custom:
#   id: azure-db-flexible-geo-redundant-backup
#   severity: medium
#   resource_types: [azurerm_postgresql_flexible_server, azurerm_mysql_flexible_server]
#   controls:
#     soc2: [A1.2, CC7.5]
#   remediation: >-
#     Set geo_redundant_backup_enabled = true (this recreates the server:
#     restore into the new one).
package attest.rules.azure.db_flexible_geo_redundant_backup

import data.attest.lib
import data.attest.lib.azure

names := ["geo_redundant_backup_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v != true
	msg := sprintf("backups stay in one region: geo_redundant_backup_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
