# METADATA
# title: Cloud Storage buckets keep object versions
# description: >-
#   With versioning, an object that is overwritten or deleted, by mistake or
#   by an attacker, stays recoverable as a noncurrent version. Pair it with a
#   lifecycle rule that expires old versions after the retention you need.
# custom:
#   id: gcp-gcs-versioning
#   severity: low
#   resource_types: [google_storage_bucket]
#   controls:
#     soc2: [A1.2, CC7.5, PI1.5]
#     pci-dss-4.0: [10.5.1]
#   remediation: Add versioning { enabled = true } to the google_storage_bucket.
package attest.rules.gcp.gcs_versioning

import data.attest.lib

path := "versioning.0.enabled"

deny contains msg if {
	lib.get(input.resource, path, false) != true
	not lib.is_unknown(input.resource, path)
	msg := "object versioning is not enabled"
}

unknown contains msg if {
	lib.is_unknown(input.resource, path)
	msg := "versioning.enabled is not known statically"
}
