# METADATA
# title: SQS queues encrypt messages at rest
# description: >-
#   Messages waiting in a queue often carry customer data. Since late 2022 SQS
#   encrypts a new queue with SQS-managed keys (SSE-SQS) unless told not to, so
#   a queue passes when it names a KMS key, or when sqs_managed_sse_enabled is
#   absent or true; it fails only when server-side encryption is explicitly
#   turned off (sqs_managed_sse_enabled = false) and no KMS key is given.
# custom:
#   id: aws-sqs-encrypted
#   severity: medium
#   resource_types: [aws_sqs_queue, "AWS::SQS::Queue"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Remove sqs_managed_sse_enabled = false, or set kms_master_key_id to a KMS key.
#   remediation_by_format:
#     terraform: >-
#       Remove sqs_managed_sse_enabled = false (or set it to true), or set
#       kms_master_key_id to a customer managed KMS key.
#     cloudformation: >-
#       Remove SqsManagedSseEnabled: false (or set it to true), or set
#       KmsMasterKeyId on the AWS::SQS::Queue.
package attest.rules.aws.sqs_encrypted

import data.attest.lib.aws.props

kms if props.set("kms_master_key_id")

sse_off if {
	not props.is_unknown("sqs_managed_sse_enabled")
	props.get("sqs_managed_sse_enabled", true) == false
}

deny contains msg if {
	sse_off
	not kms
	not props.is_unknown("kms_master_key_id")
	msg := "server-side encryption is turned off (sqs_managed_sse_enabled = false) and no KMS key is set"
}

unknown contains msg if {
	not kms
	props.is_unknown("sqs_managed_sse_enabled")
	msg := "sqs_managed_sse_enabled is not known statically"
}

unknown contains msg if {
	sse_off
	not kms
	props.is_unknown("kms_master_key_id")
	msg := "kms_master_key_id is not known statically"
}
