# METADATA
# title: Cloud KMS keys and key rings are not granted to allUsers or allAuthenticatedUsers
# description: >-
#   A KMS key protects data only as long as its use is restricted: a grant
#   to allUsers or allAuthenticatedUsers lets anyone encrypt, decrypt or
#   sign with it, or read its metadata, which undoes the encryption of every
#   disk, bucket and database that relies on it.
# custom:
#   id: gcp-kms-no-public-access
#   severity: critical
#   resource_types: [google_kms_crypto_key_iam_member, google_kms_crypto_key_iam_binding, google_kms_key_ring_iam_member, google_kms_key_ring_iam_binding]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1, 3.6.1.3, 7.2.1]
#   remediation: >-
#     Remove allUsers and allAuthenticatedUsers; grant the key role to the
#     service agents or groups that use the key.
package attest.rules.gcp.kms_no_public_access

import data.attest.lib.gcp

deny contains msg if {
	some m in gcp.members(input.resource)
	gcp.public_member(m)
	msg := sprintf("the key is granted to %s", [m])
}

unknown contains msg if {
	gcp.members_unknown(input.resource)
	msg := "a member of the grant is not known statically"
}
