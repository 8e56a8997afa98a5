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
#   resource_types: [aws_lb, aws_alb]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1]
#   remediation: Add access_logs { bucket = aws_s3_bucket.lb_logs.id  enabled = true }.
package attest.rules.aws.lb_access_logs

import data.attest.lib

gateway if lib.get(input.resource, "load_balancer_type", "application") == "gateway"

type_unknown if lib.is_unknown(input.resource, "load_balancer_type")

logs := object.get(input.resource.attributes, "access_logs", [])

# enabled defaults to false, also when the block names a bucket.
enabled if {
	some a in logs
	object.get(a, "enabled", false) == true
}

# Only the blocks and their enabled flag decide; a computed bucket name does
# not.
undetermined if {
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^access_logs(\.[0-9]+(\.enabled)?)?$`, u)
}

deny contains msg if {
	not gateway
	not type_unknown
	not enabled
	not undetermined
	count(logs) == 0
	msg := "access logs are not enabled: there is no access_logs block"
}

deny contains msg if {
	not gateway
	not type_unknown
	not enabled
	not undetermined
	some a in logs
	not "enabled" in object.keys(a)
	msg := "access logs are not enabled: access_logs does not set enabled = true (the provider's default is false, even with a bucket)"
}

deny contains msg if {
	not gateway
	not type_unknown
	not enabled
	not undetermined
	some a in logs
	"enabled" in object.keys(a)
	msg := sprintf("access logs are not enabled: access_logs has enabled = %v", [a.enabled])
}

unknown contains msg if {
	not gateway
	not enabled
	undetermined
	msg := "whether access_logs is enabled is not known statically"
}

unknown contains msg if {
	not enabled
	type_unknown
	msg := "load_balancer_type is not known statically; gateway load balancers have no access logs"
}
