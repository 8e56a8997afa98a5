# METADATA
# title: CloudWatch log groups are encrypted with a KMS key
# description: >-
#   Log groups are always encrypted by CloudWatch, but only a KMS key of your
#   own puts reading the logs under a key policy and makes it visible in
#   CloudTrail. Logs often hold request data and tokens.
# custom:
#   id: aws-cloudwatch-log-group-kms
#   severity: low
#   resource_types: [aws_cloudwatch_log_group, "AWS::Logs::LogGroup"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [10.3.1]
#   remediation: >-
#     Set kms_key_id to the ARN of an aws_kms_key whose policy allows the logs
#     service principal of the region.
#   remediation_by_format:
#     terraform: >-
#       Set kms_key_id to the ARN of an aws_kms_key whose policy allows the logs
#       service principal of the region.
#     cloudformation: >-
#       Set KmsKeyId to the ARN of an AWS::KMS::Key (!GetAtt Key.Arn) whose key
#       policy allows the logs service principal of the region.
package attest.rules.aws.cloudwatch_log_group_kms

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
