# METADATA
# title: SQS queue policies refuse requests without TLS
# description: >-
#   SQS accepts HTTP requests as well as HTTPS: a client configured with an
#   http endpoint sends messages and receipt handles in the clear. A queue
#   passes when a policy that applies to it (its policy argument, an
#   aws_sqs_queue_policy or a CloudFormation queue policy) denies every
#   principal sqs:* (or *) when aws:SecureTransport is false.
# custom:
#   id: aws-sqs-tls-only
#   severity: medium
#   resource_types: [aws_sqs_queue, "AWS::SQS::Queue"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: Add a queue policy statement that denies sqs:* to every principal when aws:SecureTransport is false.
#   remediation_by_format:
#     terraform: >-
#       Add an aws_sqs_queue_policy (queue_url = aws_sqs_queue.<name>.id) with
#       a statement Effect "Deny", Principal "*", Action "sqs:*", Resource the
#       queue ARN, Condition Bool aws:SecureTransport = "false".
#     cloudformation: >-
#       Add an AWS::SQS::QueuePolicy with Queues: [!Ref Queue] and a statement
#       {Effect: Deny, Principal: "*", Action: "sqs:*", Resource: !GetAtt
#       Queue.Arn, Condition: {Bool: {"aws:SecureTransport": false}}}.
package attest.rules.aws.sqs_tls_only

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.transport

actions := {"sqs:*"}

joins := {
	"AWS::SQS::QueuePolicy": ["Queues", "PolicyDocument"],
	"AWS::SQS::QueueInlinePolicy": ["Queue", "PolicyDocument"],
} if input.resource.format == "cloudformation"
else := {"aws_sqs_queue_policy": ["queue_url", "policy"]}

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
	msg := "no queue policy denies requests where aws:SecureTransport is false"
}

unknown contains msg if {
	not transport.enforced(policies, actions)
	undetermined
	msg := "a policy of the queue is not known statically"
}
