# METADATA
# title: BigQuery tables are encrypted with a customer-managed key
# description: >-
#   A table is encrypted with a Cloud KMS key of your own when it names one
#   (encryption_configuration.kms_key_name) or when its dataset, declared
#   in the same configuration, gives new tables a default key. Otherwise
#   its rows are protected by Google-managed keys alone, outside a key policy
#   you control, rotate and can revoke. A table whose dataset is not in the
#   configuration is unknown unless it names its own key.
# custom:
#   id: gcp-bigquery-table-cmek
#   severity: low
#   resource_types: [google_bigquery_table]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: >-
#     Add encryption_configuration { kms_key_name = google_kms_crypto_key.bq.id }
#     to the table, or default_encryption_configuration to its dataset.
package attest.rules.gcp.bigquery_table_cmek

import data.attest.lib
import data.attest.lib.gcp

path := "encryption_configuration.0.kms_key_name"

dataset_key := "default_encryption_configuration.0.kms_key_name"

datasets contains d if {
	some d in lib.resources("google_bigquery_dataset")
	lib.refers_to(input.resource, "dataset_id", d)
}

datasets contains d if {
	some d in lib.resources("google_bigquery_dataset")
	v := lib.get(input.resource, "dataset_id", null)
	is_string(v)
	v == lib.get(d, "dataset_id", "")
}

encrypted if gcp.encryption_key_set(input.resource, path)

encrypted if {
	some d in datasets
	gcp.encryption_key_set(d, dataset_key)
}

undetermined if gcp.key_undetermined(input.resource, path)

undetermined if count(datasets) == 0

undetermined if {
	some d in datasets
	gcp.key_undetermined(d, dataset_key)
}

deny contains msg if {
	not encrypted
	not undetermined
	msg := "the table uses Google-managed keys: neither it nor its dataset names a KMS key"
}

unknown contains msg if {
	not encrypted
	undetermined
	msg := "the table's key, its dataset or the dataset's default key is not known statically"
}
