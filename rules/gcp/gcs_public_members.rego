# METADATA
# title: Cloud Storage buckets are not granted to allUsers or allAuthenticatedUsers
# description: >-
#   allUsers is anyone on the internet; allAuthenticatedUsers is anyone with
#   a Google account, which is no restriction either. A grant to either on a
#   bucket publishes its objects. Serve public content through a CDN or a
#   signed URL instead, and keep public_access_prevention enforced.
# custom:
#   id: gcp-gcs-no-public-members
#   severity: critical
#   resource_types: [google_storage_bucket_iam_member, google_storage_bucket_iam_binding]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.4.4, 7.2.1]
#   remediation: >-
#     Remove allUsers and allAuthenticatedUsers from the member(s); grant the
#     role to the service accounts or groups that need it.
package attest.rules.gcp.gcs_no_public_members

import data.attest.lib.gcp

deny contains msg if {
	some m in gcp.members(input.resource)
	gcp.public_member(m)
	msg := sprintf("the bucket is granted to %s", [m])
}

unknown contains msg if {
	gcp.members_unknown(input.resource)
	msg := "a member of the grant is not known statically"
}
