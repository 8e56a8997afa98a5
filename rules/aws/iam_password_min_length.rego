# METADATA
# title: IAM passwords are at least 12 characters
# description: >-
#   PCI DSS v4.0 asks for passwords of 12 characters or more where a system
#   supports it, and IAM does. The account password policy sets the floor for
#   every IAM user's console password; without minimum_password_length AWS
#   applies 8.
# custom:
#   id: aws-iam-password-min-length
#   severity: medium
#   resource_types: [aws_iam_account_password_policy]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.6]
#   remediation: Set minimum_password_length = 12 (or more) in aws_iam_account_password_policy.
package attest.rules.aws.iam_password_min_length

import data.attest.lib

minimum := 12

deny contains msg if {
	not lib.is_unknown(input.resource, "minimum_password_length")
	n := lib.get(input.resource, "minimum_password_length", 8)
	n < minimum
	msg := sprintf("minimum_password_length is %v, below %d", [n, minimum])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "minimum_password_length")
	msg := "minimum_password_length is not known statically"
}
