# METADATA
# title: IAM passwords cannot reuse the last four
# description: >-
#   PCI DSS v4.0 asks that a new password differ from each of the previous
#   four. IAM remembers up to 24; without password_reuse_prevention it
#   remembers none.
# custom:
#   id: aws-iam-password-reuse-prevention
#   severity: medium
#   resource_types: [aws_iam_account_password_policy]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.7]
#   remediation: Set password_reuse_prevention = 4 (or more, up to 24).
package attest.rules.aws.iam_password_reuse

import data.attest.lib

minimum := 4

deny contains msg if {
	not lib.is_unknown(input.resource, "password_reuse_prevention")
	n := lib.get(input.resource, "password_reuse_prevention", 0)
	n < minimum
	msg := sprintf("password_reuse_prevention is %v, below %d", [n, minimum])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "password_reuse_prevention")
	msg := "password_reuse_prevention is not known statically"
}
