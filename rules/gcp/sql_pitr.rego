# METADATA
# title: Cloud SQL instances can be restored to a point in time
# description: >-
#   Daily backups lose up to a day of writes; point-in-time recovery keeps
#   the write-ahead or binary logs so that the database can be restored to
#   the moment before a bad migration, a ransomware attack or a mistaken
#   delete. PostgreSQL and SQL Server turn it on with
#   backup_configuration.point_in_time_recovery_enabled, MySQL with
#   binary_log_enabled. Read replicas are exempt.
# custom:
#   id: gcp-sql-point-in-time-recovery
#   severity: medium
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [A1.2, CC7.5]
#     pci-dss-4.0: [12.10.1]
#   remediation: >-
#     In settings.backup_configuration set enabled = true and
#     point_in_time_recovery_enabled = true (MySQL: binary_log_enabled = true).
package attest.rules.gcp.sql_point_in_time_recovery

import data.attest.lib
import data.attest.lib.gcp

bc := "settings.0.backup_configuration.0"

binlog := concat(".", [bc, "binary_log_enabled"])

pitr := concat(".", [bc, "point_in_time_recovery_enabled"])

# needed is the setting that turns recovery on for the engine; while the
# engine is not known, either may be the one.
needed := {binlog} if {
	gcp.sql_engine(input.resource) == "MYSQL"
} else := {pitr} if {
	not lib.is_unknown(input.resource, "database_version")
} else := {binlog, pitr}

missing := {p | some p in needed; lib.get(input.resource, p, false) != true}

undetermined if lib.is_unknown(input.resource, "database_version")

undetermined if lib.is_unknown(input.resource, "master_instance_name")

undetermined if {
	some p in missing
	lib.is_unknown(input.resource, p)
}

deny contains msg if {
	not gcp.sql_replica(input.resource)
	not undetermined
	some p in missing
	msg := sprintf("point-in-time recovery is off: %s is not true", [p])
}

unknown contains msg if {
	not gcp.sql_replica(input.resource)
	undetermined
	count(missing) > 0
	msg := "the engine, whether the instance is a replica, or its recovery setting is not known statically"
}
