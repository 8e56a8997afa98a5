# METADATA
# title: SNS topic policies refuse publishing without TLS
# description: >-
#   SNS accepts Publish calls over HTTP as well as HTTPS, so a misconfigured
#   publisher sends message bodies in the clear. A topic passes when a
#   policy that applies to it (its policy argument, an aws_sns_topic_policy
#   or a CloudFormation topic policy) denies every principal sns:Publish (or
#   sns:*, or *) when aws:SecureTransport is false.
# custom:
#   id: aws-sns-tls-only
#   severity: medium
#   resource_types: [aws_sns_topic, "AWS::SNS::Topic"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: Add a topic policy statement that denies sns:Publish to every principal when aws:SecureTransport is false.
#   remediation_by_format:
#     terraform: >-
#       Add an aws_sns_topic_policy (arn = aws_sns_topic.<name>.arn) with a
#       statement Effect "Deny", Principal "*", Action "sns:Publish", Resource
#       the topic ARN, Condition Bool aws:SecureTransport = "false".
#     cloudformation: >-
#       Add an AWS::SNS::TopicPolicy with Topics: [!Ref Topic] (or an
#       AWS::SNS::TopicInlinePolicy) whose statement denies sns:Publish to
#       Principal "*" under Condition {Bool: {"aws:SecureTransport": false}}.
package attest.rules.aws.sns_tls_only

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.transport

actions := {"sns:*", "sns:publish"}

joins := {"aws_sns_topic_policy": ["arn", "policy"]} if input.resource.format != "cloudformation"

joins := {
	"AWS::SNS::TopicPolicy": ["Topics", "PolicyDocument"],
	"AWS::SNS::TopicInlinePolicy": ["TopicArn", "PolicyDocument"],
} if input.resource.format == "cloudformation"

policies contains p if {
	p := lib.get(input.resource, "policy", null)
	p != null
}

policies contains p if {
	some t, [path, doc] in joins
	some c in aws.linked(t, path)
	p := lib.get(c, doc, null)
	p != null
}

undetermined if lib.is_unknown(input.resource, "policy")

undetermined if {
	some t, [path, doc] in joins
	some c in aws.linked(t, path)
	lib.is_unknown(c, doc)
}

undetermined if {
	some t, [path, _] in joins
	aws.may_link(t, path)
}

undetermined if transport.undetermined(policies, actions)

deny contains msg if {
	not transport.enforced(policies, actions)
	not undetermined
	msg := "no topic policy denies publishing where aws:SecureTransport is false"
}

unknown contains msg if {
	not transport.enforced(policies, actions)
	undetermined
	msg := "a policy of the topic is not known statically"
}
