# METADATA
# title: Kinesis data streams encrypt records at rest
# description: >-
#   A Kinesis stream keeps every record for its retention period (a day to a
#   year) and is not encrypted unless asked. A stream passes when its
#   encryption type is KMS (with the alias/aws/kinesis key or a customer
#   managed key).
# custom:
#   id: aws-kinesis-stream-encrypted
#   severity: medium
#   resource_types: [aws_kinesis_stream, "AWS::Kinesis::Stream"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Set encryption_type = "KMS" and kms_key_id (alias/aws/kinesis or a customer managed key).
#   remediation_by_format:
#     terraform: >-
#       Set encryption_type = "KMS" and kms_key_id = aws_kms_key.<name>.arn (or
#       "alias/aws/kinesis") on the aws_kinesis_stream.
#     cloudformation: >-
#       Add StreamEncryption {EncryptionType: KMS, KeyId: alias/aws/kinesis or
#       a key ARN} to the AWS::Kinesis::Stream.
package attest.rules.aws.kinesis_stream_encrypted

import data.attest.lib.aws.svc

deny contains msg if {
	not svc.is_unknown("encryption_type")
	svc.get("encryption_type", "NONE") != "KMS"
	msg := "the stream's encryption type is not KMS"
}

unknown contains msg if {
	svc.is_unknown("encryption_type")
	msg := "encryption_type is not known statically"
}
