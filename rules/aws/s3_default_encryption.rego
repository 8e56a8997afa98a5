# METADATA
# title: S3 buckets declare default encryption explicitly
# description: >-
#   Since January 2023 AWS encrypts every new object with SSE-S3 even when a
#   bucket declares nothing, so a bucket without a server-side encryption
#   configuration is not stored in clear text. This rule asks for the
#   configuration to be written down all the same (low severity): an explicit
#   setting is evidence an auditor can read, survives changes to AWS defaults
#   and states which algorithm is meant. KMS with a customer key is checked
#   by aws-s3-kms-encryption.
# custom:
#   id: aws-s3-default-encryption
#   severity: low
#   resource_types: [aws_s3_bucket, "AWS::S3::Bucket"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: >-
#     Add an aws_s3_bucket_server_side_encryption_configuration for the bucket
#     with a rule whose apply_server_side_encryption_by_default sets
#     sse_algorithm to "aws:kms" (preferred) or "AES256".
#   remediation_by_format:
#     terraform: >-
#       Add an aws_s3_bucket_server_side_encryption_configuration for the
#       bucket with a rule whose apply_server_side_encryption_by_default sets
#       sse_algorithm to "aws:kms" (preferred) or "AES256".
#     cloudformation: >-
#       Set BucketEncryption.ServerSideEncryptionConfiguration to a rule with
#       ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms} (preferred) or
#       AES256 in the bucket's Properties.
package attest.rules.aws.s3_default_encryption

import data.attest.lib.aws.s3

deny contains msg if {
	count(s3.encryption_algorithms) == 0
	not s3.encryption_undetermined
	msg := "the bucket declares no default server-side encryption"
}

unknown contains msg if {
	count(s3.encryption_algorithms) == 0
	s3.encryption_undetermined
	msg := "the bucket's encryption configuration is not known statically"
}
