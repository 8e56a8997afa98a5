# METADATA
# title: Macie is enabled
# description: >-
#   Macie finds sensitive data, such as card numbers and credentials, in S3
#   buckets, including in places it should not be. A Macie account
#   (aws_macie2_account, AWS::Macie::Session) fails when its status is
#   PAUSED; ENABLED is the default.
# custom:
#   id: aws-macie-enabled
#   severity: medium
#   resource_types: [aws_macie2_account, "AWS::Macie::Session"]
#   controls:
#     soc2: [C1.1, CC7.2]
#     pci-dss-4.0: [3.2.1]
#   remediation: >-
#     Set status = "ENABLED" on the Macie account and create classification
#     jobs or automated discovery for the buckets.
#   remediation_by_format:
#     terraform: >-
#       Set status = "ENABLED" on the aws_macie2_account.
#     cloudformation: >-
#       Set Status: ENABLED on the AWS::Macie::Session.
package attest.rules.aws.macie_enabled

import data.attest.lib.aws.governance as gov

deny contains msg if {
	not gov.is_unknown("status")
	upper(gov.get("status", "ENABLED")) != "ENABLED"
	msg := sprintf("%s is %s", [gov.name("status"), gov.get("status", "ENABLED")])
}

unknown contains msg if {
	gov.is_unknown("status")
	msg := sprintf("%s is not known statically", [gov.name("status")])
}
