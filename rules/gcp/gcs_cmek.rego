# METADATA
# title: Cloud Storage buckets are encrypted with a customer-managed key
# description: >-
#   Objects are encrypted with Google's keys unless the bucket names a
#   default Cloud KMS key (encryption.default_kms_key_name). A key of your
#   own puts reading the objects under a key policy you control, rotate and
#   can revoke, and every use of the key is in the audit logs.
# custom:
#   id: gcp-gcs-cmek
#   severity: low
#   resource_types: [google_storage_bucket]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: >-
#     Add encryption { default_kms_key_name = google_kms_crypto_key.bucket.id }
#     (the Cloud Storage service agent needs
#     roles/cloudkms.cryptoKeyEncrypterDecrypter on the key).
package attest.rules.gcp.gcs_cmek

import data.attest.lib.gcp

path := "encryption.0.default_kms_key_name"

deny contains msg if {
	not gcp.encryption_key_set(input.resource, path)
	not gcp.key_undetermined(input.resource, path)
	msg := "objects are encrypted with Google-managed keys: encryption.default_kms_key_name is not set"
}

unknown contains msg if {
	gcp.key_undetermined(input.resource, path)
	msg := "encryption.default_kms_key_name is not known statically"
}
