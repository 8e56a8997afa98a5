# METADATA
# title: Load balancers write access logs
# description: >-
#   Access logs record every request a load balancer received (client
#   address, path, status, TLS version), the record needed to investigate
#   attacks on the applications behind it. They are off unless an
#   access_logs block is enabled. Gateway load balancers do not support them
#   and are not judged.
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

enabled if {
	some a in object.get(input.resource.attributes, "access_logs", [])
	object.get(a, "enabled", true) == true
}

deny contains msg if {
	not gateway
	not enabled
	not lib.is_unknown(input.resource, "access_logs")
	msg := "access logs are not enabled"
}

unknown contains msg if {
	not enabled
	lib.is_unknown(input.resource, "access_logs")
	msg := "access_logs is not known statically"
}
