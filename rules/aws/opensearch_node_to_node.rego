# METADATA
# title: OpenSearch domains encrypt traffic between nodes
# description: >-
#   Without node-to-node encryption, documents and queries travel between the
#   domain's nodes inside the VPC in the clear. A domain (OpenSearch or legacy
#   Elasticsearch) passes when node_to_node_encryption.enabled is true; it is
#   off unless asked for.
# custom:
#   id: aws-opensearch-node-to-node
#   severity: medium
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain, "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: Add node_to_node_encryption { enabled = true }.
#   remediation_by_format:
#     terraform: >-
#       Add node_to_node_encryption { enabled = true } to the domain.
#     cloudformation: >-
#       Set NodeToNodeEncryptionOptions: {Enabled: true} on the domain.
package attest.rules.aws.opensearch_node_to_node

import data.attest.lib.aws.props

deny contains msg if {
	not props.is_unknown("node_to_node_encryption")
	props.get("node_to_node_encryption.0.enabled", false) != true
	msg := "node-to-node encryption is not enabled"
}

unknown contains msg if {
	props.is_unknown("node_to_node_encryption")
	props.get("node_to_node_encryption.0.enabled", false) != true
	msg := "node_to_node_encryption is not known statically"
}
