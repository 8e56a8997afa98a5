# METADATA
# title: CloudTrail trails record every region
# description: >-
#   A single-region trail misses API activity in the other regions, which is
#   where an intruder who knows about the trail will work. A multi-region
#   trail also records global service events (IAM, STS, CloudFront).
# custom:
#   id: aws-cloudtrail-multi-region
#   severity: high
#   resource_types: [aws_cloudtrail]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.2, 10.2.1.5]
#   remediation: Set is_multi_region_trail = true and leave include_global_service_events at true.
package attest.rules.aws.cloudtrail_multi_region

import data.attest.lib

deny contains msg if {
	not lib.is_unknown(input.resource, "is_multi_region_trail")
	lib.get(input.resource, "is_multi_region_trail", false) != true
	msg := "is_multi_region_trail is not true"
}

deny contains msg if {
	lib.get(input.resource, "include_global_service_events", true) == false
	msg := "include_global_service_events is false"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "is_multi_region_trail")
	msg := "is_multi_region_trail is not known statically"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "include_global_service_events")
	msg := "include_global_service_events is not known statically"
}
