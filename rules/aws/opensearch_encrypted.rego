# METADATA
# title: OpenSearch domains encrypt data at rest
# description: >-
#   Indexes, logs, swap and automated snapshots of a domain are stored in the
#   clear unless encryption at rest is on. A domain (OpenSearch or legacy
#   Elasticsearch) passes when encrypt_at_rest.enabled is true; it is off
#   unless asked for.
# custom:
#   id: aws-opensearch-encrypted
#   severity: high
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain, "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Add encrypt_at_rest { enabled = true } (with kms_key_id for a customer managed key).
#   remediation_by_format:
#     terraform: >-
#       Add encrypt_at_rest { enabled = true } (and kms_key_id for a customer
#       managed key) to the domain.
#     cloudformation: >-
#       Set EncryptionAtRestOptions: {Enabled: true} (and KmsKeyId for a
#       customer managed key) on the domain.
package attest.rules.aws.opensearch_encrypted

import data.attest.lib.aws.props

deny contains msg if {
	not props.is_unknown("encrypt_at_rest")
	props.get("encrypt_at_rest.0.enabled", false) != true
	msg := "encryption at rest is not enabled"
}

unknown contains msg if {
	props.is_unknown("encrypt_at_rest")
	props.get("encrypt_at_rest.0.enabled", false) != true
	msg := "encrypt_at_rest is not known statically"
}
