# METADATA
# title: BigQuery datasets encrypt new tables with a customer-managed key
# description: >-
#   A dataset's default_encryption_configuration gives every table created
#   in it a Cloud KMS key of your own, so that reading the data depends on
#   a key policy you control, rotate and can revoke. Without it, tables use
#   Google-managed keys unless each one names a key.
# custom:
#   id: gcp-bigquery-dataset-cmek
#   severity: low
#   resource_types: [google_bigquery_dataset]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: >-
#     Add default_encryption_configuration { kms_key_name =
#     google_kms_crypto_key.bq.id } (the BigQuery service agent needs
#     roles/cloudkms.cryptoKeyEncrypterDecrypter).
package attest.rules.gcp.bigquery_dataset_cmek

import data.attest.lib.gcp

path := "default_encryption_configuration.0.kms_key_name"

deny contains msg if {
	not gcp.encryption_key_set(input.resource, path)
	not gcp.key_undetermined(input.resource, path)
	msg := "new tables use Google-managed keys: default_encryption_configuration.0.kms_key_name is not set"
}

unknown contains msg if {
	gcp.key_undetermined(input.resource, path)
	msg := "default_encryption_configuration.0.kms_key_name is not known statically"
}
