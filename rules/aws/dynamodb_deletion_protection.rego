# METADATA
# title: DynamoDB tables are protected from deletion
# description: >-
#   Deleting a table removes its data and, unless backups exist
#   elsewhere, its point-in-time recovery history with it; a mistaken
#   terraform destroy or console click is enough. A table passes when
#   deletion protection is enabled, so that deleting it first takes a
#   deliberate change.
# custom:
#   id: aws-dynamodb-deletion-protection
#   severity: medium
#   resource_types: [aws_dynamodb_table, "AWS::DynamoDB::Table"]
#   controls:
#     soc2: [A1.2, PI1.5]
#   remediation: Set deletion_protection_enabled = true.
#   remediation_by_format:
#     terraform: >-
#       Set deletion_protection_enabled = true on the
#       aws_dynamodb_table.
#     cloudformation: >-
#       Set DeletionProtectionEnabled: true on the
#       AWS::DynamoDB::Table (and DeletionPolicy: Retain on the
#       resource).
package attest.rules.aws.dynamodb_deletion_protection

import data.attest.lib

attr := "deletion_protection_enabled" if input.resource.format != "cloudformation"

attr := "DeletionProtectionEnabled" if input.resource.format == "cloudformation"

default_value := false

value := _normal(lib.get(input.resource, attr, default_value))

good if value == true

undetermined if lib.is_unknown(input.resource, attr)

deny contains msg if {
	not good
	not undetermined
	msg := "deletion protection is not enabled"
}

# The default never stands in for a value that is not known.
unknown contains msg if {
	undetermined
	msg := sprintf("%s is not known statically", [attr])
}

_normal(v) := true if {
	is_string(v)
	lower(v) == "true"
} else := false if {
	is_string(v)
	lower(v) == "false"
} else := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
} else := v
