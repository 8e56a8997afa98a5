# METADATA
# title: OpenSearch domains use fine-grained access control
# description: >-
#   Without fine-grained access control a domain's access policy decides
#   only who may reach the endpoint: every caller it lets in may read and
#   change every index. A domain passes when advanced security options are
#   enabled, giving roles scoped to indices, documents and fields, and making
#   audit logs possible.
# custom:
#   id: aws-opensearch-fine-grained-access
#   severity: medium
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain, "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.1, 7.2.2, 7.3.1]
#   remediation: Enable advanced_security_options with an IAM master user or internal user database, and map roles to index permissions.
#   remediation_by_format:
#     terraform: >-
#       Add advanced_security_options { enabled = true,
#       master_user_options { master_user_arn = aws_iam_role.<admin>.arn } }
#       (with node_to_node_encryption, encrypt_at_rest and enforce_https on).
#     cloudformation: >-
#       Set AdvancedSecurityOptions.Enabled: true with a
#       MasterUserOptions.MasterUserARN (node-to-node encryption, encryption at
#       rest and EnforceHTTPS are required with it).
package attest.rules.aws.opensearch_fine_grained_access

import data.attest.lib.aws.svc

attr := "advanced_security_options.0.enabled"

undetermined if svc.is_unknown(attr)

undetermined if svc.unknown_exactly("advanced_security_options")

deny contains msg if {
	not undetermined
	svc.get(attr, false) != true
	msg := "fine-grained access control is not enabled"
}

unknown contains msg if {
	undetermined
	svc.get(attr, false) != true
	msg := "advanced_security_options is not known statically"
}
