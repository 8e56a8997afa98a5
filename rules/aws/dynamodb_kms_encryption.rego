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
#   resource_types: [aws_dynamodb_table]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: Add server_side_encryption { enabled = true  kms_key_arn = aws_kms_key.table.arn }.
package attest.rules.aws.dynamodb_kms_encryption

import data.attest.lib

enabled if lib.get(input.resource, "server_side_encryption.0.enabled", false) == true

undetermined if lib.is_unknown(input.resource, "server_side_encryption.0.enabled")

undetermined if "server_side_encryption" in object.get(input.resource, "unknown", [])

deny contains msg if {
	not enabled
	not undetermined
	msg := "server_side_encryption is not enabled: the table uses a key owned by AWS"
}

unknown contains msg if {
	not enabled
	undetermined
	msg := "server_side_encryption is not known statically"
}
