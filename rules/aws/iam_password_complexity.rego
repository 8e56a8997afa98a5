# METADATA
# title: IAM passwords mix letters and digits
# description: >-
#   PCI DSS v4.0 asks that passwords contain both numeric and alphabetic
#   characters. The account password policy passes when it requires numbers
#   and at least one of lowercase or uppercase letters.
# custom:
#   id: aws-iam-password-complexity
#   severity: low
#   resource_types: [aws_iam_account_password_policy]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.6]
#   remediation: Set require_numbers = true and require_lowercase_characters = true (or require_uppercase_characters).
package attest.rules.aws.iam_password_complexity

import data.attest.lib

letters if lib.get(input.resource, "require_lowercase_characters", false) == true

letters if lib.get(input.resource, "require_uppercase_characters", false) == true

undetermined if {
	some p in ["require_numbers", "require_lowercase_characters", "require_uppercase_characters"]
	lib.is_unknown(input.resource, p)
}

deny contains msg if {
	not undetermined
	lib.get(input.resource, "require_numbers", false) != true
	msg := "require_numbers is not true"
}

deny contains msg if {
	not undetermined
	not letters
	msg := "neither require_lowercase_characters nor require_uppercase_characters is true"
}

unknown contains msg if {
	undetermined
	msg := "the character requirements are not known statically"
}
