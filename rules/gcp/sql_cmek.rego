# METADATA
# title: Cloud SQL instances are encrypted with a customer-managed key
# description: >-
#   Google encrypts Cloud SQL storage and backups with its own keys unless
#   encryption_key_name names a Cloud KMS key. A key of your own puts access
#   to the data under a key policy you control, rotate and can revoke, and
#   every use of it is audited.
# custom:
#   id: gcp-sql-cmek
#   severity: medium
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: >-
#     Set encryption_key_name = google_kms_crypto_key.sql.id (the Cloud SQL
#     service agent needs roles/cloudkms.cryptoKeyEncrypterDecrypter; set at
#     creation only).
package attest.rules.gcp.sql_cmek

import data.attest.lib.gcp

deny contains msg if {
	not gcp.encryption_key_set(input.resource, "encryption_key_name")
	not gcp.key_undetermined(input.resource, "encryption_key_name")
	msg := "the instance uses Google-managed keys: encryption_key_name is not set"
}

unknown contains msg if {
	gcp.key_undetermined(input.resource, "encryption_key_name")
	msg := "encryption_key_name is not known statically"
}
