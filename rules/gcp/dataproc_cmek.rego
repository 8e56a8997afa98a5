# METADATA
# title: Dataproc clusters encrypt their disks with a customer-managed key
# description: >-
#   Dataproc writes job data, shuffle files and HDFS blocks to the
#   persistent disks of its VMs, encrypted with Google's keys unless
#   cluster_config.encryption_config names a Cloud KMS key. A key of your
#   own keeps that data under a key policy you control, rotate and can
#   revoke.
# custom:
#   id: gcp-dataproc-cmek
#   severity: low
#   resource_types: [google_dataproc_cluster]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: >-
#     Add cluster_config { encryption_config { kms_key_name =
#     google_kms_crypto_key.dataproc.id } } (the Compute Engine service agent
#     needs roles/cloudkms.cryptoKeyEncrypterDecrypter).
package attest.rules.gcp.dataproc_cmek

import data.attest.lib.gcp

path := "cluster_config.0.encryption_config.0.kms_key_name"

deny contains msg if {
	not gcp.encryption_key_set(input.resource, path)
	not gcp.key_undetermined(input.resource, path)
	msg := "cluster disks use Google-managed keys: cluster_config.0.encryption_config.0.kms_key_name is not set"
}

unknown contains msg if {
	gcp.key_undetermined(input.resource, path)
	msg := "cluster_config.0.encryption_config.0.kms_key_name is not known statically"
}
