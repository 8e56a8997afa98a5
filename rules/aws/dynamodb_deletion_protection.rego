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

attr := "DeletionProtectionEnabled" if input.resource.format == "cloudformation"
else := "deletion_protection_enabled"

default_value := false

# value is the setting at attr, with the strings "true" and "false" (any
# case) and digit strings read as what they say: the built-in attest.setting
# (policy/builtins_settings.go, whose reading of strings is the _normal this
# rule had), given the CloudFormation name of the rule's one CloudFormation
# type; a Terraform resource's attribute is read by its own name.
value := attest.setting(input.resource, _names, "deletion_protection_enabled", default_value)

_names := {"AWS::DynamoDB::Table": {"deletion_protection_enabled": "DeletionProtectionEnabled"}}

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
