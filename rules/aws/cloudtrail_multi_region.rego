# METADATA
# title: CloudTrail trails record every region
# description: >-
#   A single-region trail misses API activity in the other regions, which is
#   where an intruder who knows about the trail will work. A multi-region
#   trail also records global service events (IAM, STS, CloudFront).
# custom:
#   id: aws-cloudtrail-multi-region
#   severity: high
#   resource_types: [aws_cloudtrail, "AWS::CloudTrail::Trail"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.2, 10.2.1.5]
#   remediation: >-
#     Set is_multi_region_trail = true and leave include_global_service_events
#     at true.
#   remediation_by_format:
#     terraform: >-
#       Set is_multi_region_trail = true and leave include_global_service_events
#       at true.
#     cloudformation: >-
#       Set IsMultiRegionTrail: true and leave IncludeGlobalServiceEvents at
#       true on the AWS::CloudTrail::Trail.
package attest.rules.aws.cloudtrail_multi_region

import data.attest.lib.aws.props

deny contains msg if {
	not props.is_unknown("is_multi_region_trail")
	props.get("is_multi_region_trail", false) != true
	msg := sprintf("%s is not true", [props.name("is_multi_region_trail")])
}

deny contains msg if {
	props.get("include_global_service_events", true) == false
	msg := sprintf("%s is false", [props.name("include_global_service_events")])
}

unknown contains msg if {
	props.is_unknown("is_multi_region_trail")
	msg := sprintf("%s is not known statically", [props.name("is_multi_region_trail")])
}

unknown contains msg if {
	props.is_unknown("include_global_service_events")
	msg := sprintf("%s is not known statically", [props.name("include_global_service_events")])
}
