# METADATA
# title: DynamoDB tables have point-in-time recovery
# description: >-
#   Point-in-time recovery keeps continuous backups of a table for up to 35
#   days, so a table can be restored to any second before a bad write or a
#   deletion. It is off unless enabled.
# custom:
#   id: aws-dynamodb-pitr
#   severity: medium
#   resource_types: [aws_dynamodb_table, "AWS::DynamoDB::Table"]
#   controls:
#     soc2: [A1.2, PI1.5]
#   remediation: Add point_in_time_recovery { enabled = true }.
#   remediation_by_format:
#     terraform: >-
#       Add point_in_time_recovery { enabled = true }.
#     cloudformation: >-
#       Set PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
#       on the AWS::DynamoDB::Table.
package attest.rules.aws.dynamodb_pitr

import data.attest.lib.aws.props

enabled if props.get("point_in_time_recovery.0.enabled", false) == true

undetermined if props.is_unknown("point_in_time_recovery.0.enabled")

undetermined if props.is_unknown("point_in_time_recovery")

deny contains msg if {
	not enabled
	not undetermined
	msg := "point_in_time_recovery is not enabled"
}

unknown contains msg if {
	not enabled
	undetermined
	msg := "point_in_time_recovery is not known statically"
}
