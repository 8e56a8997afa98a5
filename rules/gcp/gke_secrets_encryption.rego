# METADATA
# title: GKE clusters encrypt Kubernetes secrets with a Cloud KMS key
# description: >-
#   Application-layer secrets encryption wraps the Secrets stored in etcd
#   with a Cloud KMS key of your own, so a copy of etcd or a backup of it
#   does not reveal the passwords and tokens held there, and revoking the
#   key makes them unreadable. It is on when database_encryption has state
#   ENCRYPTED and a key_name.
# custom:
#   id: gcp-gke-secrets-encryption
#   severity: medium
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1, 8.3.2]
#   remediation: >-
#     Add database_encryption { state = "ENCRYPTED", key_name =
#     google_kms_crypto_key.gke.id }.
package attest.rules.gcp.gke_secrets_encryption

import data.attest.lib
import data.attest.lib.gcp

encrypted if {
	lib.get(input.resource, "database_encryption.0.state", "") == "ENCRYPTED"
	gcp.names_resource(input.resource, "database_encryption.0.key_name")
}

undetermined if lib.is_unknown(input.resource, "database_encryption.0.state")

undetermined if gcp.key_undetermined(input.resource, "database_encryption.0.key_name")

undetermined if lib.is_unknown(input.resource, "database_encryption")

deny contains msg if {
	not encrypted
	not undetermined
	msg := "Secrets are stored with Google-managed keys only: database_encryption is not ENCRYPTED with a key_name"
}

unknown contains msg if {
	not encrypted
	undetermined
	msg := "database_encryption is not known statically"
}
