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
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: >-
#     Set sse_algorithm = "aws:kms" and kms_master_key_id to a customer managed
#     aws_kms_key in the bucket's server-side encryption configuration, and
#     bucket_key_enabled = true to keep KMS costs down.
package attest.rules.aws.s3_kms_encryption

import data.attest.lib
import data.attest.lib.aws

defaults contains d if {
	some cfg in object.get(input.resource.attributes, "server_side_encryption_configuration", [])
	some rule in object.get(cfg, "rule", [])
	some d in object.get(rule, "apply_server_side_encryption_by_default", [])
}

defaults contains d if {
	some c in aws.linked("aws_s3_bucket_server_side_encryption_configuration", "bucket")
	some rule in object.get(c.attributes, "rule", [])
	some d in object.get(rule, "apply_server_side_encryption_by_default", [])
}

kms if {
	some d in defaults
	d.sse_algorithm in {"aws:kms", "aws:kms:dsse"}
}

undetermined if lib.is_unknown(input.resource, "server_side_encryption_configuration")

undetermined if {
	some c in aws.linked("aws_s3_bucket_server_side_encryption_configuration", "bucket")
	lib.is_unknown(c, "rule")
}

undetermined if aws.may_link("aws_s3_bucket_server_side_encryption_configuration", "bucket")

deny contains msg if {
	not kms
	not undetermined
	some d in defaults
	msg := sprintf("default encryption uses %v, not a KMS key", [object.get(d, "sse_algorithm", "no algorithm")])
}

deny contains msg if {
	count(defaults) == 0
	not undetermined
	msg := "the bucket declares no default encryption with a KMS key"
}

unknown contains msg if {
	not kms
	undetermined
	msg := "the bucket's encryption configuration is not known statically"
}
