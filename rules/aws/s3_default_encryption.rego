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
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: >-
#     Add an aws_s3_bucket_server_side_encryption_configuration for the bucket
#     with a rule whose apply_server_side_encryption_by_default sets
#     sse_algorithm to "aws:kms" (preferred) or "AES256".
package attest.rules.aws.s3_default_encryption

import data.attest.lib
import data.attest.lib.aws

# algorithms is every default algorithm the bucket's configurations declare.
algorithms contains alg if {
	some cfg in object.get(input.resource.attributes, "server_side_encryption_configuration", [])
	some rule in object.get(cfg, "rule", [])
	some d in object.get(rule, "apply_server_side_encryption_by_default", [])
	alg := d.sse_algorithm
}

algorithms contains alg if {
	some c in aws.linked("aws_s3_bucket_server_side_encryption_configuration", "bucket")
	some rule in object.get(c.attributes, "rule", [])
	some d in object.get(rule, "apply_server_side_encryption_by_default", [])
	alg := d.sse_algorithm
}

undetermined if lib.is_unknown(input.resource, "server_side_encryption_configuration")

undetermined if {
	some c in aws.linked("aws_s3_bucket_server_side_encryption_configuration", "bucket")
	lib.is_unknown(c, "rule")
}

undetermined if aws.may_link("aws_s3_bucket_server_side_encryption_configuration", "bucket")

deny contains msg if {
	count(algorithms) == 0
	not undetermined
	msg := "the bucket declares no default server-side encryption"
}

unknown contains msg if {
	count(algorithms) == 0
	undetermined
	msg := "the bucket's encryption configuration is not known statically"
}
