# METADATA
# title: CloudWatch log groups keep logs for at least a year
# description: >-
#   PCI DSS asks that audit logs be kept for at least twelve months. A log
#   group whose retention_in_days is 0 or unset never expires its events and
#   passes; one that sets a retention below 365 days deletes them too soon.
#   (Events may also be exported to S3 for the long term; this rule only
#   reads the log group.)
# custom:
#   id: aws-cloudwatch-log-retention
#   severity: medium
#   resource_types: [aws_cloudwatch_log_group, "AWS::Logs::LogGroup"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.5.1]
#   remediation: Set retention_in_days = 365 (or a longer allowed value such as 400, 545, 731), or 0 to keep events forever.
#   remediation_by_format:
#     terraform: >-
#       Set retention_in_days = 365 (or a longer allowed value such as 400, 545,
#       731), or 0 to keep events forever.
#     cloudformation: >-
#       Set RetentionInDays to 365 or more on the AWS::Logs::LogGroup (or leave
#       it unset to keep events forever).
package attest.rules.aws.cloudwatch_log_retention

import data.attest.lib.aws.props

minimum := 365

deny contains msg if {
	days := props.get("retention_in_days", 0)
	days > 0
	days < minimum
	msg := sprintf("retention_in_days is %v, below %d", [days, minimum])
}

unknown contains msg if {
	props.is_unknown("retention_in_days")
	msg := "retention_in_days is not known statically"
}
