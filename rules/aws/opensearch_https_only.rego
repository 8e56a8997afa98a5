# METADATA
# title: OpenSearch domains accept only HTTPS
# description: >-
#   A domain endpoint that accepts plain HTTP lets credentials and documents
#   cross the network unencrypted. A domain (OpenSearch or legacy
#   Elasticsearch) passes when its domain endpoint options enforce HTTPS. The
#   service's own default is not to; in Terraform, a domain_endpoint_options
#   block that leaves enforce_https unset gets the provider's default of
#   true, while a domain without the block keeps the service default.
#   CloudFormation has no such default: EnforceHTTPS must be true.
# custom:
#   id: aws-opensearch-https-only
#   severity: high
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain, "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1, 2.2.7]
#   remediation: Add domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-2019-07" }.
#   remediation_by_format:
#     terraform: >-
#       Add domain_endpoint_options { enforce_https = true
#       tls_security_policy = "Policy-Min-TLS-1-2-2019-07" } to the domain.
#     cloudformation: >-
#       Set DomainEndpointOptions: {EnforceHTTPS: true, TLSSecurityPolicy:
#       Policy-Min-TLS-1-2-2019-07} on the domain.
package attest.rules.aws.opensearch_https_only

import data.attest.lib.aws.props

# The default of enforce_https inside a present block, per format.
block_default := false if props.cfn

block_default := true if not props.cfn

block := props.get("domain_endpoint_options", null)

has_block if {
	block != null
	block != []
}

# An unknown enforce_https is absent from the attributes, so its default
# must not decide.
enforced if {
	has_block
	not props.is_unknown("domain_endpoint_options")
	props.get("domain_endpoint_options.0.enforce_https", block_default) == true
}

deny contains msg if {
	not enforced
	not props.is_unknown("domain_endpoint_options")
	msg := "the domain endpoint does not enforce HTTPS"
}

unknown contains msg if {
	not enforced
	props.is_unknown("domain_endpoint_options")
	msg := "domain_endpoint_options is not known statically"
}
