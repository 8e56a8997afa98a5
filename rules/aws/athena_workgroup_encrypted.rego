# METADATA
# title: Athena workgroups encrypt query results
# description: >-
#   Athena writes the result of every query to S3 as a CSV file: customer
#   records, payment data, whatever the query selected. A workgroup passes
#   when its result configuration names an encryption option (SSE_S3,
#   SSE_KMS or CSE_KMS), so results are encrypted whatever the bucket's own
#   default. A workgroup with no result encryption fails.
# custom:
#   id: aws-athena-workgroup-encrypted
#   severity: medium
#   resource_types: [aws_athena_workgroup, "AWS::Athena::WorkGroup"]
#   controls:
#     soc2: [CC6.1, C1.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Give the workgroup's result configuration an encryption option, preferably SSE_KMS with a customer managed key.
#   remediation_by_format:
#     terraform: >-
#       In configuration { result_configuration { encryption_configuration {
#       encryption_option = "SSE_KMS"; kms_key_arn = aws_kms_key.athena.arn } } }
#       of the aws_athena_workgroup.
#     cloudformation: >-
#       Set WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration
#       {EncryptionOption: SSE_KMS, KmsKey: !GetAtt Key.Arn} on the
#       AWS::Athena::WorkGroup.
package attest.rules.aws.athena_workgroup_encrypted

import data.attest.lib

path := "WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.EncryptionOption" if {
	input.resource.format == "cloudformation"
}

path := "configuration.0.result_configuration.0.encryption_configuration.0.encryption_option" if {
	input.resource.format != "cloudformation"
}

options := {"SSE_S3", "SSE_KMS", "CSE_KMS"}

undetermined if lib.is_unknown(input.resource, path)

option := lib.get(input.resource, path, "")

deny contains msg if {
	not undetermined
	option == ""
	msg := "query results are written without encryption: no encryption option is set"
}

deny contains msg if {
	not undetermined
	option != ""
	not option in options
	msg := sprintf("encryption option %v is not one of SSE_S3, SSE_KMS, CSE_KMS", [option])
}

unknown contains msg if {
	undetermined
	msg := "the workgroup's result encryption is not known statically"
}
