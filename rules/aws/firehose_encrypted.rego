# METADATA
# title: Firehose delivery streams encrypt buffered records
# description: >-
#   A Direct PUT delivery stream buffers records before delivering them and
#   does not encrypt that buffer unless server-side encryption is turned on.
#   A stream passes when server-side encryption is enabled; a stream that
#   reads from a Kinesis stream or an MSK topic is not judged, since its
#   data at rest is the source's (see aws-kinesis-stream-encrypted).
# custom:
#   id: aws-firehose-encrypted
#   severity: medium
#   resource_types: [aws_kinesis_firehose_delivery_stream, "AWS::KinesisFirehose::DeliveryStream"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Turn on server-side encryption with the AWS owned key or a customer managed key.
#   remediation_by_format:
#     terraform: >-
#       Add server_side_encryption { enabled = true, key_type =
#       "CUSTOMER_MANAGED_CMK", key_arn = aws_kms_key.<name>.arn } (or
#       key_type = "AWS_OWNED_CMK") to the aws_kinesis_firehose_delivery_stream.
#     cloudformation: >-
#       Add DeliveryStreamEncryptionConfigurationInput {KeyType:
#       CUSTOMER_MANAGED_CMK, KeyARN: ...} (or KeyType: AWS_OWNED_CMK) to the
#       AWS::KinesisFirehose::DeliveryStream.
package attest.rules.aws.firehose_encrypted

import data.attest.lib
import data.attest.lib.aws.svc

# A stream fed by Kinesis or MSK takes no server-side encryption of its own.
sourced if svc.set("kinesis_source_configuration")

sourced if svc.set("msk_source_configuration")

sourced if {
	svc.cfn
	lib.get(input.resource, "DeliveryStreamType", "DirectPut") in {"KinesisStreamAsSource", "MSKAsSource"}
}

encrypted if {
	not svc.cfn
	svc.normal(svc.get("server_side_encryption.0.enabled", false)) == true
}

encrypted if {
	svc.cfn
	svc.set("server_side_encryption.0.key_type")
}

undetermined if svc.is_unknown("server_side_encryption.0.enabled")

undetermined if svc.unknown_exactly("server_side_encryption")

undetermined if svc.is_unknown("server_side_encryption.0.key_type")

undetermined if {
	svc.cfn
	lib.is_unknown(input.resource, "DeliveryStreamType")
}

# Whether the stream reads from a source stream is not known.
undetermined if svc.unknown_exactly("kinesis_source_configuration")

undetermined if svc.unknown_exactly("msk_source_configuration")

deny contains msg if {
	not sourced
	not encrypted
	not undetermined
	msg := "server-side encryption is not enabled"
}

unknown contains msg if {
	not sourced
	not encrypted
	undetermined
	msg := "the server-side encryption settings are not known statically"
}
