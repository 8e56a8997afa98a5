# METADATA
# title: Cloud SQL instances take automated backups
# description: >-
#   Automated daily backups (and, with them, point-in-time recovery) are
#   what brings a database back after corruption, a bad migration or
#   ransomware. Without them the only copy is the live instance.
# custom:
#   id: gcp-sql-backups-enabled
#   severity: medium
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [A1.2, CC7.5]
#     pci-dss-4.0: [12.10.1]
#   remediation: In settings add backup_configuration { enabled = true } (and point_in_time_recovery_enabled = true for PostgreSQL).
package attest.rules.gcp.sql_backups_enabled

import data.attest.lib

path := "settings.0.backup_configuration.0.enabled"

# A read replica takes no backups of its own: its primary's count.
replica if {
	name := lib.get(input.resource, "master_instance_name", "")
	name != ""
}

replica if count(object.get(input.resource, ["refs", "master_instance_name"], [])) > 0

deny contains msg if {
	not replica
	not lib.is_unknown(input.resource, "master_instance_name")
	lib.get(input.resource, path, false) != true
	not lib.is_unknown(input.resource, path)
	msg := "automated backups are off: settings.backup_configuration.enabled is not true"
}

unknown contains msg if {
	not replica
	lib.is_unknown(input.resource, path)
	msg := "backup_configuration.enabled is not known statically"
}

unknown contains msg if {
	not replica
	lib.is_unknown(input.resource, "master_instance_name")
	lib.get(input.resource, path, false) != true
	msg := "whether the instance is a read replica (master_instance_name) is not known statically"
}
