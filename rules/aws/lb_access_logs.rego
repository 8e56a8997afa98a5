# METADATA
# title: Load balancers write access logs
# description: >-
#   Access logs record every request a load balancer received (client
#   address, path, status, TLS version), the record needed to investigate
#   attacks on the applications behind it. They are off unless an
#   access_logs block sets enabled = true: the provider's default is false,
#   even when the block names a bucket. Gateway load balancers do not
#   support them and are not judged.
# custom:
#   id: aws-lb-access-logs
#   severity: medium
#   resource_types: [aws_lb, aws_alb, "AWS::ElasticLoadBalancingV2::LoadBalancer"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1]
#   remediation: >-
#     Add access_logs { bucket = aws_s3_bucket.lb_logs.id  enabled = true }.
#   remediation_by_format:
#     terraform: >-
#       Add access_logs { bucket = aws_s3_bucket.lb_logs.id  enabled = true }.
#     cloudformation: >-
#       Add {Key: access_logs.s3.enabled, Value: "true"} and {Key:
#       access_logs.s3.bucket, Value: !Ref LogBucket} to LoadBalancerAttributes
#       of the AWS::ElasticLoadBalancingV2::LoadBalancer.
package attest.rules.aws.lb_access_logs

import data.attest.lib.aws.props

gateway if props.get("load_balancer_type", "application") == "gateway"

type_unknown if props.is_unknown("load_balancer_type")

# Terraform: access_logs blocks, whose enabled defaults to false also when
# the block names a bucket.
logs := props.get("access_logs", []) if not props.cfn

enabled if {
	not props.cfn
	some a in logs
	object.get(a, "enabled", false) == true
}

# CloudFormation: the attribute access_logs.s3.enabled in
# LoadBalancerAttributes, a string.
attribute := [a |
	some a in props.get("access_logs", [])
	is_object(a)
	object.get(a, "Key", "") == "access_logs.s3.enabled"
] if props.cfn

enabled if {
	props.cfn
	some a in attribute
	lower(sprintf("%v", [object.get(a, "Value", "")])) == "true"
}

# Only the blocks and their enabled flag decide; a computed bucket name does
# not.
undetermined if {
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^access_logs(\.[0-9]+(\.enabled)?)?$`, u)
}

undetermined if {
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^LoadBalancerAttributes(\.[0-9]+(\.(Key|Value))?)?$`, u)
}

decided if {
	not gateway
	not type_unknown
	not enabled
	not undetermined
}

deny contains msg if {
	decided
	not props.cfn
	count(logs) == 0
	msg := "access logs are not enabled: there is no access_logs block"
}

deny contains msg if {
	decided
	not props.cfn
	some a in logs
	not "enabled" in object.keys(a)
	msg := "access logs are not enabled: access_logs does not set enabled = true (the provider's default is false, even with a bucket)"
}

deny contains msg if {
	decided
	not props.cfn
	some a in logs
	"enabled" in object.keys(a)
	msg := sprintf("access logs are not enabled: access_logs has enabled = %v", [a.enabled])
}

deny contains msg if {
	decided
	props.cfn
	count(attribute) == 0
	msg := "access logs are not enabled: LoadBalancerAttributes does not set access_logs.s3.enabled (the default is false)"
}

deny contains msg if {
	decided
	props.cfn
	some a in attribute
	msg := sprintf("access logs are not enabled: access_logs.s3.enabled is %v", [object.get(a, "Value", "unset")])
}

unknown contains msg if {
	not gateway
	not enabled
	undetermined
	msg := "whether access logs are enabled is not known statically"
}

unknown contains msg if {
	not enabled
	type_unknown
	msg := sprintf("%s is not known statically; gateway load balancers have no access logs", [props.name("load_balancer_type")])
}
