# METADATA
# title: OpenSearch domain endpoints refuse TLS before 1.2
# description: >-
#   The domain endpoint's TLS security policy sets the oldest TLS version
#   clients may negotiate; Policy-Min-TLS-1-0-2019-07, which older domains
#   get when none is chosen, still accepts TLS 1.0 and 1.1. A domain passes
#   when its policy is Policy-Min-TLS-1-2-2019-07 or
#   Policy-Min-TLS-1-2-PFS-2023-10.
# custom:
#   id: aws-opensearch-tls-policy
#   severity: medium
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain, "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: Set domain_endpoint_options.tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" (or Policy-Min-TLS-1-2-2019-07).
#   remediation_by_format:
#     terraform: >-
#       In domain_endpoint_options set enforce_https = true and
#       tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10".
#     cloudformation: >-
#       In DomainEndpointOptions set EnforceHTTPS: true and TLSSecurityPolicy:
#       Policy-Min-TLS-1-2-PFS-2023-10.
package attest.rules.aws.opensearch_tls_policy

import data.attest.lib.aws.svc

attr := "domain_endpoint_options.0.tls_security_policy"

policy := svc.get(attr, "")

strong if startswith(policy, "Policy-Min-TLS-1-2")

undetermined if svc.is_unknown(attr)

undetermined if svc.unknown_exactly("domain_endpoint_options")

deny contains msg if {
	not strong
	not undetermined
	policy == ""
	msg := "no TLS security policy is set, so the endpoint may accept TLS 1.0"
}

deny contains msg if {
	not strong
	not undetermined
	policy != ""
	msg := sprintf("TLS security policy %v accepts TLS versions before 1.2", [policy])
}

unknown contains msg if {
	undetermined
	msg := "the TLS security policy is not known statically"
}
