# METADATA
# title: Secrets Manager secrets are encrypted with a customer managed key
# description: >-
#   A secret without a KMS key is encrypted with the AWS managed
#   aws/secretsmanager key, which any principal of the account allowed to
#   read secrets can use and which cannot be shared with another account.
#   A secret passes when kms_key_id names a customer managed key, whose key
#   policy then decides, independently of IAM, who can decrypt it.
# custom:
#   id: aws-secretsmanager-cmk
#   severity: low
#   resource_types: [aws_secretsmanager_secret, "AWS::SecretsManager::Secret"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1, 3.6.1.3, 8.3.2]
#   remediation: Create a customer managed KMS key for the secret's readers and set kms_key_id to it.
#   remediation_by_format:
#     terraform: >-
#       Set kms_key_id = aws_kms_key.<name>.arn on the
#       aws_secretsmanager_secret and allow kms:Decrypt in the key policy only
#       to the roles that read it.
#     cloudformation: >-
#       Set KmsKeyId to an AWS::KMS::Key on the AWS::SecretsManager::Secret
#       and allow kms:Decrypt in the key policy only to its readers.
package attest.rules.aws.secretsmanager_cmk

import data.attest.lib
import data.attest.lib.aws.transport

attr := "KmsKeyId" if input.resource.format == "cloudformation"

attr := "kms_key_id" if input.resource.format != "cloudformation"

key := lib.get(input.resource, attr, "")

customer_key if count(object.get(input.resource, ["refs", attr], [])) > 0

customer_key if {
	is_string(key)
	key != ""
	not transport.aws_managed_key(key, "secretsmanager")
}

deny contains msg if {
	not customer_key
	not lib.is_unknown(input.resource, attr)
	msg := "the secret is encrypted with the AWS managed key aws/secretsmanager"
}

unknown contains msg if {
	not customer_key
	lib.is_unknown(input.resource, attr)
	msg := "kms_key_id is not known statically"
}
