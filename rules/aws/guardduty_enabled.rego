# METADATA
# title: GuardDuty detectors are enabled
# description: >-
#   GuardDuty watches CloudTrail, VPC flow logs and DNS queries for signs of
#   intrusion (credential misuse, crypto mining, calls from known bad hosts).
#   A detector declared with enable = false is a control switched off.
# custom:
#   id: aws-guardduty-enabled
#   severity: high
#   resource_types: [aws_guardduty_detector, "AWS::GuardDuty::Detector"]
#   controls:
#     soc2: [CC7.2, CC7.3]
#     pci-dss-4.0: [11.5.1, 10.7.2]
#   remediation: >-
#     Set enable = true (the default) on the aws_guardduty_detector.
#   remediation_by_format:
#     terraform: >-
#       Set enable = true (the default) on the aws_guardduty_detector.
#     cloudformation: >-
#       Set Enable: true on the AWS::GuardDuty::Detector.
package attest.rules.aws.guardduty_enabled

import data.attest.lib.aws.props

# Terraform's enable defaults to true; CloudFormation requires Enable, and a
# detector without it is not known to be on.
default_enable := false if props.cfn

default_enable := true if not props.cfn

deny contains msg if {
	not props.is_unknown("enable")
	props.get("enable", default_enable) != true
	msg := sprintf("the detector is disabled (%s is not true)", [props.name("enable")])
}

unknown contains msg if {
	props.is_unknown("enable")
	msg := sprintf("%s is not known statically", [props.name("enable")])
}
