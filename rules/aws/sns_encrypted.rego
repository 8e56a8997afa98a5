# METADATA
# title: SNS topics encrypt messages at rest
# description: >-
#   SNS stores each message until it is delivered; unlike SQS, a topic is not
#   encrypted unless it names a KMS key. A topic passes when
#   kms_master_key_id is set (the AWS managed alias/aws/sns key or a customer
#   managed key).
# custom:
#   id: aws-sns-encrypted
#   severity: medium
#   resource_types: [aws_sns_topic, "AWS::SNS::Topic"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Set kms_master_key_id to a KMS key (alias/aws/sns or a customer managed key).
#   remediation_by_format:
#     terraform: >-
#       Set kms_master_key_id = aws_kms_key.<name>.arn (or "alias/aws/sns") on
#       the aws_sns_topic.
#     cloudformation: >-
#       Set KmsMasterKeyId to a key (or alias/aws/sns) on the AWS::SNS::Topic.
package attest.rules.aws.sns_encrypted

import data.attest.lib.aws.props

deny contains msg if {
	not props.set("kms_master_key_id")
	not props.is_unknown("kms_master_key_id")
	msg := "kms_master_key_id is not set"
}

unknown contains msg if {
	not props.set("kms_master_key_id")
	props.is_unknown("kms_master_key_id")
	msg := "kms_master_key_id is not known statically"
}
