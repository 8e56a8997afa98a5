# METADATA
# title: GuardDuty detectors are enabled
# description: >-
#   GuardDuty watches CloudTrail, VPC flow logs and DNS queries for signs of
#   intrusion (credential misuse, crypto mining, calls from known bad hosts).
#   A detector declared with enable = false is a control switched off.
# custom:
#   id: aws-guardduty-enabled
#   severity: high
#   resource_types: [aws_guardduty_detector]
#   controls:
#     soc2: [CC7.2, CC7.3]
#     pci-dss-4.0: [11.5.1, 10.7.2]
#   remediation: Set enable = true (the default) on the aws_guardduty_detector.
package attest.rules.aws.guardduty_enabled

import data.attest.lib

deny contains msg if {
	lib.get(input.resource, "enable", true) == false
	msg := "the detector is disabled (enable = false)"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "enable")
	msg := "enable is not known statically"
}
