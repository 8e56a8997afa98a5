# METADATA
# title: Cloud Logging buckets keep logs 365 days and are locked
# description: >-
#   Log buckets keep entries 30 days unless retention_days says otherwise,
#   and an unlocked bucket's retention can be shortened by anyone with the
#   right role, an intruder covering their tracks included. A year of
#   retention, locked, keeps the history an investigation and an audit need.
# custom:
#   id: gcp-logging-bucket-retention-locked
#   severity: medium
#   resource_types: [google_logging_project_bucket_config, google_logging_folder_bucket_config, google_logging_organization_bucket_config]
#   controls:
#     soc2: [CC7.2, A1.2, PI1.5]
#     pci-dss-4.0: [10.5.1, 10.3.2, 10.3.3]
#   remediation: >-
#     Set retention_days = 365 (or more) and locked = true on the bucket
#     config (locking cannot be undone).
package attest.rules.gcp.logging_bucket_retention_locked

import data.attest.lib

deny contains msg if {
	not lib.is_unknown(input.resource, "retention_days")
	days := lib.get(input.resource, "retention_days", 30)
	days < 365
	msg := sprintf("logs are kept %d days, fewer than 365", [days])
}

deny contains msg if {
	not lib.is_unknown(input.resource, "locked")
	lib.get(input.resource, "locked", false) != true
	msg := "the bucket's retention is not locked"
}

unknown contains msg if {
	some p in ["retention_days", "locked"]
	lib.is_unknown(input.resource, p)
	msg := sprintf("%s is not known statically", [p])
}
