# METADATA
# title: CloudWatch alarms notify someone when they fire
# description: >-
#   An alarm with no alarm actions, or with its actions disabled, changes
#   state in the console and tells nobody; the failure or attack it was
#   built to catch goes unanswered. An alarm passes when its actions are
#   enabled and it has at least one alarm action (an SNS topic, an
#   automation, an incident manager response plan).
# custom:
#   id: aws-cloudwatch-alarm-actions
#   severity: medium
#   resource_types: [aws_cloudwatch_metric_alarm, aws_cloudwatch_composite_alarm, "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm"]
#   controls:
#     soc2: [CC7.2, CC7.3]
#     pci-dss-4.0: [10.7.2, 10.4.1.1]
#   remediation: Add an alarm action (an SNS topic that pages or opens a ticket) and keep actions enabled.
#   remediation_by_format:
#     terraform: >-
#       Set alarm_actions = [aws_sns_topic.<oncall>.arn] and remove
#       actions_enabled = false on the alarm.
#     cloudformation: >-
#       Set AlarmActions: [!Ref OnCallTopic] and remove ActionsEnabled: false
#       on the alarm.
package attest.rules.aws.cloudwatch_alarm_actions

import data.attest.lib
import data.attest.lib.aws.svc

names := {"actions": "AlarmActions", "enabled": "ActionsEnabled"} if svc.cfn

names := {"actions": "alarm_actions", "enabled": "actions_enabled"} if not svc.cfn

has_actions if count(lib.get(input.resource, names.actions, [])) > 0

has_actions if count(object.get(input.resource, ["refs", names.actions], [])) > 0

disabled if svc.normal(lib.get(input.resource, names.enabled, true)) == false

deny contains msg if {
	disabled
	not lib.is_unknown(input.resource, names.enabled)
	msg := "the alarm's actions are disabled"
}

deny contains msg if {
	not has_actions
	not lib.is_unknown(input.resource, names.actions)
	msg := "the alarm has no alarm actions, so nobody is notified"
}

unknown contains msg if {
	not has_actions
	lib.is_unknown(input.resource, names.actions)
	msg := "the alarm actions are not known statically"
}

unknown contains msg if {
	lib.is_unknown(input.resource, names.enabled)
	msg := "actions_enabled is not known statically"
}
