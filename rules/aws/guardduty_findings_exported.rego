# METADATA
# title: GuardDuty exports its findings to S3
# description: >-
#   GuardDuty is the anti-malware and threat detection of an AWS account,
#   and its findings are that mechanism's log. GuardDuty keeps them for 90
#   days only; PCI DSS asks that anti-malware logs be kept as other audit
#   logs are, twelve months. A publishing destination exports every finding
#   to an S3 bucket (encrypted with a KMS key), where the bucket's
#   retention and lock keep it. A detector fails unless an
#   aws_guardduty_publishing_destination (AWS::GuardDuty::PublishingDestination)
#   names it. A detector of a member account that accepted an
#   administrator's invitation sends its findings to the administrator
#   account, where the export is judged: without its own destination it is
#   unknown. A destination whose detector is known only at apply time makes
#   the verdict unknown.
# custom:
#   id: aws-guardduty-findings-exported
#   severity: medium
#   resource_types: [aws_guardduty_detector, "AWS::GuardDuty::Detector"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [5.3.4]
#   remediation: Add a publishing destination to the detector that exports findings to an S3 bucket kept for at least twelve months.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_guardduty_publishing_destination" "s3" { detector_id =
#       aws_guardduty_detector.this.id; destination_arn =
#       aws_s3_bucket.findings.arn; kms_key_arn = aws_kms_key.findings.arn }
#     cloudformation: >-
#       Add an AWS::GuardDuty::PublishingDestination with DetectorId: !Ref
#       the detector, DestinationType: S3 and DestinationProperties
#       {DestinationArn: the bucket's ARN, KmsKeyArn: a key's ARN}.
package attest.rules.aws.guardduty_findings_exported

import data.attest.lib.aws

names := {
	"destination": "AWS::GuardDuty::PublishingDestination", "detector": "DetectorId",
	"member": "AWS::GuardDuty::Master",
} if input.resource.format == "cloudformation"

names := {
	"destination": "aws_guardduty_publishing_destination", "detector": "detector_id",
	"member": "aws_guardduty_invite_accepter",
} if input.resource.format != "cloudformation"

exported if count(aws.linked(names.destination, names.detector)) > 0

member if count(aws.linked(names.member, names.detector)) > 0

deny contains msg if {
	not exported
	not member
	not aws.may_link(names.destination, names.detector)
	msg := sprintf("no %s exports the detector's findings: GuardDuty keeps them for 90 days only", [names.destination])
}

unknown contains msg if {
	not exported
	aws.may_link(names.destination, names.detector)
	msg := sprintf("a %s names a detector that is not known statically", [names.destination])
}

unknown contains msg if {
	not exported
	member
	not aws.may_link(names.destination, names.detector)
	msg := "the detector's findings go to the administrator account, whose export is not in this configuration"
}
