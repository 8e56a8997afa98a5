# METADATA
# title: Application load balancers drop invalid HTTP headers
# description: >-
#   An application load balancer passes header fields whose names are not
#   valid HTTP on to its targets unless told to drop them. Servers and
#   proxies that parse such headers differently are the ground for request
#   smuggling and header injection. Drop invalid header fields is off by
#   default in both Terraform (drop_invalid_header_fields) and
#   CloudFormation (the routing.http.drop_invalid_header_fields.enabled
#   attribute). Network and gateway load balancers do not parse HTTP and are
#   not judged.
# custom:
#   id: aws-lb-drop-invalid-headers
#   severity: medium
#   resource_types: [aws_lb, aws_alb, "AWS::ElasticLoadBalancingV2::LoadBalancer"]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [6.4.1, 2.2.6]
#   remediation: Make the application load balancer drop header fields with invalid names.
#   remediation_by_format:
#     terraform: Set drop_invalid_header_fields = true on the aws_lb.
#     cloudformation: >-
#       Add {Key: routing.http.drop_invalid_header_fields.enabled, Value:
#       "true"} to LoadBalancerAttributes of the
#       AWS::ElasticLoadBalancingV2::LoadBalancer.
package attest.rules.aws.lb_drop_invalid_headers

import data.attest.lib.aws.lb

arg := "drop_invalid_header_fields"

dropped if lb.true_(arg, "routing.http.drop_invalid_header_fields.enabled")

deny contains msg if {
	lb.type == "application"
	not lb.type_unknown
	not dropped
	not lb.unknown_(arg)
	msg := "invalid HTTP header fields are passed on to the targets"
}

unknown contains msg if {
	not lb.type_unknown
	lb.type == "application"
	not dropped
	lb.unknown_(arg)
	msg := "whether invalid header fields are dropped is not known statically"
}

unknown contains msg if {
	lb.type_unknown
	not dropped
	msg := "the load balancer's type is not known statically; only application load balancers parse headers"
}
