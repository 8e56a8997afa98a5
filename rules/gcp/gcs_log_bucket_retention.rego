# METADATA
# title: Buckets that receive exported logs keep them 365 days under a locked policy
# description: >-
#   A bucket that a log sink writes to holds the audit trail. A retention
#   policy of at least 365 days (31536000 seconds), locked, stops anyone,
#   an intruder with owner rights included, from deleting or replacing the
#   logs before they age out, and keeps the year of history an audit asks
#   for. Checked on buckets named as the destination of a project, folder,
#   organisation or billing account sink in the same configuration.
# custom:
#   id: gcp-gcs-log-bucket-retention-locked
#   severity: high
#   resource_types: [google_storage_bucket]
#   controls:
#     soc2: [CC7.2, A1.2, PI1.5]
#     pci-dss-4.0: [10.3.2, 10.3.3, 10.5.1]
#   remediation: >-
#     Add retention_policy { retention_period = 31536000, is_locked = true }
#     to the sink's bucket (locking cannot be undone).
package attest.rules.gcp.gcs_log_bucket_retention_locked

import data.attest.lib

min_seconds := 31536000

sink_types := [
	"google_logging_project_sink",
	"google_logging_folder_sink",
	"google_logging_organization_sink",
	"google_logging_billing_account_sink",
]

# A sink names the bucket by reference, or by a literal destination
# "storage.googleapis.com/NAME".
log_sink if {
	some t in sink_types
	count(lib.referrers(t, "destination")) > 0
}

log_sink if {
	name := lib.get(input.resource, "name", "")
	is_string(name)
	name != ""
	some t in sink_types
	some s in lib.resources(t)
	lib.get(s, "destination", "") == concat("/", ["storage.googleapis.com", name])
}

maybe_log_sink if {
	some t in sink_types
	lib.may_link(t, "destination")
}

seconds(p) := p if is_number(p)

seconds(p) := to_number(trim_suffix(p, "s")) if {
	is_string(p)
	regex.match(`^[0-9]+s?$`, p)
}

rp := "retention_policy.0"

protected if {
	seconds(lib.get(input.resource, concat(".", [rp, "retention_period"]), 0)) >= min_seconds
	lib.get(input.resource, concat(".", [rp, "is_locked"]), false) == true
}

undetermined if lib.is_unknown(input.resource, "retention_policy")

deny contains msg if {
	log_sink
	not protected
	not undetermined
	msg := "the bucket receives exported logs without a locked retention policy of at least 365 days (31536000 seconds)"
}

unknown contains msg if {
	log_sink
	not protected
	undetermined
	msg := "the bucket receives exported logs and its retention_policy is not known statically"
}

unknown contains msg if {
	not log_sink
	maybe_log_sink
	not protected
	msg := "a log sink's destination is not known statically and may be this bucket"
}
