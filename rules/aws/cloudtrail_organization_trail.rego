# METADATA
# title: CloudTrail trails cover the whole organisation
# description: >-
#   An organisation trail created in the management (or delegated admin)
#   account records every member account, including accounts created later,
#   and member accounts cannot turn it off. This is informational: a
#   standalone account has no organisation, and one organisation trail is
#   enough, so other trails in the same configuration legitimately fail it.
# custom:
#   id: aws-cloudtrail-organization-trail
#   severity: info
#   resource_types: [aws_cloudtrail, "AWS::CloudTrail::Trail"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1]
#   remediation: >-
#     In the management account, set is_organization_trail = true on the
#     multi-region trail.
#   remediation_by_format:
#     terraform: >-
#       In the management account, set is_organization_trail = true on the
#       multi-region trail.
#     cloudformation: >-
#       In the management account, set IsOrganizationTrail: true on the multi-
#       region AWS::CloudTrail::Trail.
package attest.rules.aws.cloudtrail_organization_trail

import data.attest.lib.aws.props

deny contains msg if {
	not props.is_unknown("is_organization_trail")
	props.get("is_organization_trail", false) != true
	msg := sprintf("%s is not true", [props.name("is_organization_trail")])
}

unknown contains msg if {
	props.is_unknown("is_organization_trail")
	msg := sprintf("%s is not known statically", [props.name("is_organization_trail")])
}
