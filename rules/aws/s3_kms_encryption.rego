# METADATA
# title: S3 buckets encrypt by default with a KMS key
# description: >-
#   SSE-S3 (AES256) keys are owned and used by S3 alone: nobody can restrict,
#   audit or revoke their use. Encrypting with AWS KMS puts every decryption
#   under a key policy and in CloudTrail, and a customer managed key can be
#   rotated and disabled. A bucket passes when its default encryption uses
#   aws:kms or aws:kms:dsse; it fails when its default is AES256 or absent.
# custom:
#   id: aws-s3-kms-encryption
#   severity: medium
#   resource_types: [aws_s3_bucket, "AWS::S3::Bucket"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: >-
#     Set sse_algorithm = "aws:kms" and kms_master_key_id to a customer managed
#     aws_kms_key in the bucket's server-side encryption configuration, and
#     bucket_key_enabled = true to keep KMS costs down.
#   remediation_by_format:
#     terraform: >-
#       Set sse_algorithm = "aws:kms" and kms_master_key_id to a customer
#       managed aws_kms_key in the bucket's server-side encryption
#       configuration, and bucket_key_enabled = true to keep KMS costs down.
#     cloudformation: >-
#       In BucketEncryption.ServerSideEncryptionConfiguration set
#       ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms, KMSMasterKeyID:
#       !GetAtt YourKey.Arn} and BucketKeyEnabled: true.
package attest.rules.aws.s3_kms_encryption

import data.attest.lib.aws.s3

kms if {
	some alg in s3.encryption_algorithms
	alg in s3.kms_algorithms
}

deny contains msg if {
	not kms
	not s3.encryption_undetermined
	some alg in s3.encryption_algorithms
	msg := sprintf("default encryption uses %v, not a KMS key", [alg])
}

deny contains msg if {
	count(s3.encryption_algorithms) == 0
	not s3.encryption_undetermined
	msg := "the bucket declares no default encryption with a KMS key"
}

unknown contains msg if {
	not kms
	s3.encryption_undetermined
	msg := "the bucket's encryption configuration is not known statically"
}
