# METADATA
# title: IAM passwords expire within 90 days
# description: >-
#   Where a password is the only factor, PCI DSS v4.0 asks for a change at
#   least every 90 days. IAM console passwords are a single factor unless MFA
#   is enforced, so the account policy should set max_password_age to 90 days
#   or less; without it passwords never expire. Low severity: with MFA on every
#   human user the requirement does not apply.
# custom:
#   id: aws-iam-password-max-age
#   severity: low
#   resource_types: [aws_iam_account_password_policy]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.9]
#   remediation: Set max_password_age = 90 (or fewer days).
package attest.rules.aws.iam_password_max_age

import data.attest.lib

maximum := 90

deny contains msg if {
	not lib.is_unknown(input.resource, "max_password_age")
	n := lib.get(input.resource, "max_password_age", 0)
	n == 0
	msg := "max_password_age is not set: passwords never expire"
}

deny contains msg if {
	n := lib.get(input.resource, "max_password_age", 0)
	n > maximum
	msg := sprintf("max_password_age is %v days, more than %d", [n, maximum])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "max_password_age")
	msg := "max_password_age is not known statically"
}
