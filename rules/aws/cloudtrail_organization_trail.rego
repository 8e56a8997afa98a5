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
#   resource_types: [aws_cloudtrail]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1]
#   remediation: In the management account, set is_organization_trail = true on the multi-region trail.
package attest.rules.aws.cloudtrail_organization_trail

import data.attest.lib

deny contains msg if {
	not lib.is_unknown(input.resource, "is_organization_trail")
	lib.get(input.resource, "is_organization_trail", false) != true
	msg := "is_organization_trail is not true"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "is_organization_trail")
	msg := "is_organization_trail is not known statically"
}
