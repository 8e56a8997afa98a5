# METADATA
# title: DynamoDB tables are encrypted with a KMS key
# description: >-
#   DynamoDB encrypts every table at rest, by default with a key AWS owns
#   that you cannot see, restrict or audit. Enabling server_side_encryption
#   switches the table to a KMS key (the AWS managed aws/dynamodb key, or the
#   customer managed key named in kms_key_arn), so every use of the key is
#   governed by a key policy and logged in CloudTrail.
# custom:
#   id: aws-dynamodb-kms-encryption
#   severity: low
#   resource_types: [aws_dynamodb_table, "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: >-
#     Add server_side_encryption { enabled = true  kms_key_arn =
#     aws_kms_key.table.arn }.
#   remediation_by_format:
#     terraform: >-
#       Add server_side_encryption { enabled = true  kms_key_arn =
#       aws_kms_key.table.arn }.
#     cloudformation: >-
#       Set SSESpecification: {SSEEnabled: true, SSEType: KMS} (with
#       KMSMasterKeyId for a customer managed key) on the table.
package attest.rules.aws.dynamodb_kms_encryption

import data.attest.lib.aws.props

enabled if props.get("server_side_encryption.0.enabled", false) == true

undetermined if props.is_unknown("server_side_encryption.0.enabled")

undetermined if props.unknown_exactly("server_side_encryption")

deny contains msg if {
	not enabled
	not undetermined
	msg := sprintf("%s is not enabled: the table uses a key owned by AWS", [props.name("server_side_encryption")])
}

unknown contains msg if {
	not enabled
	undetermined
	msg := sprintf("%s is not known statically", [props.name("server_side_encryption")])
}
