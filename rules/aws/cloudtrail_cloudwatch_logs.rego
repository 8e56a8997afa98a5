# METADATA
# title: CloudTrail delivers events to CloudWatch Logs
# description: >-
#   S3 delivery alone gives a record to search later. Sending the trail to a
#   CloudWatch Logs group as well lets metric filters and alarms react within
#   minutes to events such as root logins, policy changes or the trail being
#   stopped.
# custom:
#   id: aws-cloudtrail-cloudwatch-logs
#   severity: low
#   resource_types: [aws_cloudtrail, "AWS::CloudTrail::Trail"]
#   controls:
#     soc2: [CC7.2, CC7.3]
#     pci-dss-4.0: [10.4.1.1, 10.7.2]
#   remediation: >-
#     Set cloud_watch_logs_group_arn (the log group's ARN followed by ":*")
#     and cloud_watch_logs_role_arn to a role CloudTrail can assume to write
#     to it.
#   remediation_by_format:
#     terraform: >-
#       Set cloud_watch_logs_group_arn (the log group's ARN followed by ":*")
#       and cloud_watch_logs_role_arn to a role CloudTrail can assume to write
#       to it.
#     cloudformation: >-
#       Set CloudWatchLogsLogGroupArn to !GetAtt of an AWS::Logs::LogGroup (its
#       Arn) and CloudWatchLogsRoleArn to a role CloudTrail can assume to write
#       to it.
package attest.rules.aws.cloudtrail_cloudwatch_logs

import data.attest.lib.aws.props

deny contains msg if {
	some path in ["cloud_watch_logs_group_arn", "cloud_watch_logs_role_arn"]
	not props.set(path)
	not props.is_unknown(path)
	msg := sprintf("%s is not set", [props.name(path)])
}

unknown contains msg if {
	some path in ["cloud_watch_logs_group_arn", "cloud_watch_logs_role_arn"]
	not props.set(path)
	props.is_unknown(path)
	msg := sprintf("%s is not known statically", [props.name(path)])
}
