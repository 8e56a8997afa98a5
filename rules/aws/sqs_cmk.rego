# METADATA
# title: SQS queues are encrypted with a customer managed key
# description: >-
#   SQS-managed encryption and the AWS managed alias/aws/sqs key protect the
#   disks, but anyone allowed to receive from the queue can read it and the
#   key policy cannot narrow that or be used across accounts. A queue passes
#   when kms_master_key_id names a customer managed key, whose key policy is
#   a second, independent control over who reads the messages.
# custom:
#   id: aws-sqs-cmk
#   severity: low
#   resource_types: [aws_sqs_queue, "AWS::SQS::Queue"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1, 3.6.1.3]
#   remediation: Create a customer managed KMS key for the queue's producers and consumers and set kms_master_key_id to it.
#   remediation_by_format:
#     terraform: >-
#       Set kms_master_key_id = aws_kms_key.<name>.arn (and
#       kms_data_key_reuse_period_seconds as needed) on the aws_sqs_queue.
#     cloudformation: >-
#       Set KmsMasterKeyId to an AWS::KMS::Key (!GetAtt Key.Arn) on the
#       AWS::SQS::Queue.
package attest.rules.aws.sqs_cmk

import data.attest.lib.aws.svc
import data.attest.lib.aws.transport

key := svc.get("kms_master_key_id", "")

customer_key if count(svc.refs("kms_master_key_id")) > 0

customer_key if {
	key != ""
	not transport.aws_managed_key(key, "sqs")
}

deny contains msg if {
	not customer_key
	not svc.is_unknown("kms_master_key_id")
	key == ""
	msg := "the queue is not encrypted with a customer managed key (SQS-managed keys or none)"
}

deny contains msg if {
	not customer_key
	transport.aws_managed_key(key, "sqs")
	msg := "the queue uses the AWS managed key alias/aws/sqs"
}

unknown contains msg if {
	not customer_key
	svc.is_unknown("kms_master_key_id")
	msg := "kms_master_key_id is not known statically"
}
