# METADATA
# title: CloudWatch log groups are encrypted with a KMS key
# description: >-
#   Log groups are always encrypted by CloudWatch, but only a KMS key of your
#   own puts reading the logs under a key policy and makes it visible in
#   CloudTrail. Logs often hold request data and tokens.
# custom:
#   id: aws-cloudwatch-log-group-kms
#   severity: low
#   resource_types: [aws_cloudwatch_log_group]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [10.3.1]
#   remediation: Set kms_key_id to the ARN of an aws_kms_key whose policy allows the logs service principal of the region.
package attest.rules.aws.cloudwatch_log_group_kms

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
