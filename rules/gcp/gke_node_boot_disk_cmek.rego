# METADATA
# title: GKE node boot disks are encrypted with a customer-managed key
# description: >-
#   Google encrypts every disk, but with its own keys. A Cloud KMS key of
#   your own (boot_disk_kms_key) puts decryption of the nodes' disks, which
#   hold container images, logs and emptyDir volumes, under a key policy you
#   control, rotate and can revoke, with every use in the audit logs.
#   Checked on node pools and on a cluster's default pool, unless the
#   cluster removes that pool.
# custom:
#   id: gcp-gke-node-boot-disk-cmek
#   severity: medium
#   resource_types: [google_container_node_pool, google_container_cluster]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1, 3.5.1.3]
#   remediation: >-
#     In node_config set boot_disk_kms_key = google_kms_crypto_key.nodes.id
#     (the key's service agent needs roles/cloudkms.cryptoKeyEncrypterDecrypter).
package attest.rules.gcp.gke_node_boot_disk_cmek

import data.attest.lib
import data.attest.lib.gcp

path := "node_config.0.boot_disk_kms_key"

default_pool_removed if {
	input.resource.type == "google_container_cluster"
	lib.get(input.resource, "remove_default_node_pool", false) == true
}

encrypted if gcp.names_resource(input.resource, path)

encrypted if default_pool_removed

undetermined if lib.is_unknown(input.resource, path)

undetermined if {
	input.resource.type == "google_container_cluster"
	lib.is_unknown(input.resource, "remove_default_node_pool")
}

deny contains msg if {
	not encrypted
	not undetermined
	msg := "node boot disks use Google-managed keys: node_config.boot_disk_kms_key is not set"
}

unknown contains msg if {
	not encrypted
	undetermined
	msg := "boot_disk_kms_key (or remove_default_node_pool) is not known statically"
}
