# METADATA
# title: CloudTrail logs are encrypted with a KMS key
# description: >-
#   By default trail logs are encrypted with SSE-S3, so anyone who can read
#   the log bucket can read the logs. With a KMS key, reading also needs
#   kms:Decrypt under the key's policy, which keeps the audit trail readable
#   only by those who need it.
# custom:
#   id: aws-cloudtrail-kms-encryption
#   severity: medium
#   resource_types: [aws_cloudtrail]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [10.3.1]
#   remediation: Set kms_key_id to the ARN of a customer managed aws_kms_key whose policy lets CloudTrail use it.
package attest.rules.aws.cloudtrail_kms_encryption

import data.attest.lib

has_key if lib.get(input.resource, "kms_key_id", "") != ""

has_key if count(object.get(input.resource, ["refs", "kms_key_id"], [])) > 0

deny contains msg if {
	not has_key
	not lib.is_unknown(input.resource, "kms_key_id")
	msg := "kms_key_id is not set"
}

unknown contains msg if {
	not has_key
	lib.is_unknown(input.resource, "kms_key_id")
	msg := "kms_key_id is not known statically"
}
