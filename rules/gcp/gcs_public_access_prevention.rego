# METADATA
# title: Cloud Storage buckets enforce public access prevention
# description: >-
#   Public access prevention refuses any grant to allUsers or
#   allAuthenticatedUsers on the bucket and its objects, whatever IAM or an
#   ACL later says, so a mistaken grant cannot publish data. Buckets that
#   must serve public content belong behind a CDN with signed URLs instead.
# custom:
#   id: gcp-gcs-public-access-prevention
#   severity: high
#   resource_types: [google_storage_bucket]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.4.4, 7.2.1]
#   remediation: Set public_access_prevention = "enforced" on the google_storage_bucket (or enforce it for the organisation with the storage.publicAccessPrevention constraint).
package attest.rules.gcp.gcs_public_access_prevention

import data.attest.lib

deny contains msg if {
	v := lib.get(input.resource, "public_access_prevention", "inherited")
	v != "enforced"
	not lib.is_unknown(input.resource, "public_access_prevention")
	msg := sprintf("public access prevention is %q, not \"enforced\"", [v])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "public_access_prevention")
	msg := "public_access_prevention is not known statically"
}
