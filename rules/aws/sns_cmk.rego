# METADATA
# title: SNS topics are encrypted with a customer managed key
# description: >-
#   The AWS managed alias/aws/sns key can be used by every principal of the
#   account that may use SNS, and its key policy cannot be changed, so it
#   neither limits who can read messages nor lets another account or service
#   publish encrypted messages. A topic passes when kms_master_key_id names a
#   customer managed key.
# custom:
#   id: aws-sns-cmk
#   severity: low
#   resource_types: [aws_sns_topic, "AWS::SNS::Topic"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1, 3.6.1.3]
#   remediation: Create a customer managed KMS key with a key policy limited to the topic's publishers and subscribers, and set kms_master_key_id to it.
#   remediation_by_format:
#     terraform: >-
#       Set kms_master_key_id = aws_kms_key.<name>.arn (a customer managed key
#       with rotation on) on the aws_sns_topic.
#     cloudformation: >-
#       Set KmsMasterKeyId to an AWS::KMS::Key (!GetAtt Key.Arn) on the
#       AWS::SNS::Topic.
package attest.rules.aws.sns_cmk

import data.attest.lib.aws.svc
import data.attest.lib.aws.transport

key := svc.get("kms_master_key_id", "")

customer_key if count(svc.refs("kms_master_key_id")) > 0

customer_key if {
	key != ""
	not transport.aws_managed_key(key, "sns")
}

deny contains msg if {
	not customer_key
	not svc.is_unknown("kms_master_key_id")
	key == ""
	msg := "the topic is not encrypted with a customer managed key (no key is set)"
}

deny contains msg if {
	not customer_key
	transport.aws_managed_key(key, "sns")
	msg := "the topic uses the AWS managed key alias/aws/sns"
}

unknown contains msg if {
	not customer_key
	svc.is_unknown("kms_master_key_id")
	msg := "kms_master_key_id is not known statically"
}
