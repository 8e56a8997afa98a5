# METADATA
# title: Cloud Storage buckets record usage logs
# description: >-
#   Usage logs (logging.log_bucket) record every request to a bucket's
#   objects, including anonymous ones that Data Access audit logs leave out,
#   with the requester's address. A bucket that is itself the log bucket of
#   another bucket in the configuration is exempt: it would log itself.
# custom:
#   id: gcp-gcs-access-logging
#   severity: low
#   resource_types: [google_storage_bucket]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1]
#   remediation: >-
#     Add logging { log_bucket = google_storage_bucket.access_logs.name } and
#     give cloud-storage-analytics@google.com roles/storage.objectCreator on
#     the log bucket.
package attest.rules.gcp.gcs_access_logging

import data.attest.lib
import data.attest.lib.gcp

path := "logging.0.log_bucket"

logged if gcp.names_resource(input.resource, path)

# The bucket receives another bucket's usage logs.
log_target if count(lib.referrers("google_storage_bucket", "logging.0.log_bucket")) > 0

log_target if {
	name := lib.get(input.resource, "name", "")
	is_string(name)
	name != ""
	some b in lib.resources("google_storage_bucket")
	b.address != input.resource.address
	lib.get(b, path, "") == name
}

undetermined if {
	not logged
	lib.is_unknown(input.resource, "logging")
}

deny contains msg if {
	not logged
	not log_target
	not undetermined
	msg := "requests to the bucket are not logged: logging.log_bucket is not set"
}

unknown contains msg if {
	not logged
	not log_target
	undetermined
	msg := "logging.log_bucket is not known statically"
}
