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
#   resource_types: [aws_cloudtrail, "AWS::CloudTrail::Trail"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [10.3.1]
#   remediation: >-
#     Set kms_key_id to the ARN of a customer managed aws_kms_key whose policy
#     lets CloudTrail use it.
#   remediation_by_format:
#     terraform: >-
#       Set kms_key_id to the ARN of a customer managed aws_kms_key whose policy
#       lets CloudTrail use it.
#     cloudformation: >-
#       Set KMSKeyId to a customer managed AWS::KMS::Key (!Ref or its ARN) whose
#       key policy lets CloudTrail use it.
package attest.rules.aws.cloudtrail_kms_encryption

import data.attest.lib.aws.props

deny contains msg if {
	not props.set("kms_key_id")
	not props.is_unknown("kms_key_id")
	msg := sprintf("%s is not set", [props.name("kms_key_id")])
}

unknown contains msg if {
	not props.set("kms_key_id")
	props.is_unknown("kms_key_id")
	msg := sprintf("%s is not known statically", [props.name("kms_key_id")])
}
