# METADATA
# title: Pub/Sub topics encrypt messages with a customer-managed key
# description: >-
#   Messages wait in Pub/Sub encrypted with Google's keys unless the topic
#   names a Cloud KMS key. A key of your own puts the stored messages,
#   which often carry the same data as the databases, under a key policy
#   you control, rotate and can revoke.
# custom:
#   id: gcp-pubsub-topic-cmek
#   severity: low
#   resource_types: [google_pubsub_topic]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: >-
#     Set kms_key_name = google_kms_crypto_key.pubsub.id on the topic (the
#     Pub/Sub service agent needs roles/cloudkms.cryptoKeyEncrypterDecrypter).
package attest.rules.gcp.pubsub_topic_cmek

import data.attest.lib.gcp

path := "kms_key_name"

deny contains msg if {
	not gcp.encryption_key_set(input.resource, path)
	not gcp.key_undetermined(input.resource, path)
	msg := "messages are stored with Google-managed keys: kms_key_name is not set"
}

unknown contains msg if {
	gcp.key_undetermined(input.resource, path)
	msg := "kms_key_name is not known statically"
}
