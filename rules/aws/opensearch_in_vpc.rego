# METADATA
# title: OpenSearch domains are reachable only inside a VPC
# description: >-
#   A domain created without VPC options gets a public endpoint: its only
#   protection from the internet is its access policy. A domain passes when
#   vpc_options names subnets, so the endpoint is an address in your VPC
#   behind security groups.
# custom:
#   id: aws-opensearch-in-vpc
#   severity: high
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain, "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: Create the domain with vpc_options (private subnets and security groups); a public domain cannot be moved into a VPC and must be recreated.
#   remediation_by_format:
#     terraform: >-
#       Add vpc_options { subnet_ids = [...private subnets...],
#       security_group_ids = [...] } to the domain (this replaces it).
#     cloudformation: >-
#       Add VPCOptions with SubnetIds (private subnets) and SecurityGroupIds to
#       the domain (this replaces it).
package attest.rules.aws.opensearch_in_vpc

import data.attest.lib.aws.svc

in_vpc if svc.set("vpc_options.0.subnet_ids")

deny contains msg if {
	not in_vpc
	not svc.is_unknown("vpc_options")
	msg := "the domain has no VPC options, so its endpoint is public"
}

unknown contains msg if {
	not in_vpc
	svc.is_unknown("vpc_options")
	msg := "the VPC options are not known statically"
}
