# METADATA
# title: S3 buckets block public access
# description: >-
#   S3 Block Public Access overrides any ACL or bucket policy that would make
#   objects public. A bucket passes when all four settings (block_public_acls,
#   block_public_policy, ignore_public_acls, restrict_public_buckets) are true
#   in an aws_s3_bucket_public_access_block for the bucket, or in an
#   aws_s3_account_public_access_block declared in the same root, which covers
#   every bucket of the account.
# custom:
#   id: aws-s3-public-access-block
#   severity: high
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: >-
#     Add an aws_s3_bucket_public_access_block for the bucket (or one
#     aws_s3_account_public_access_block for the account) with
#     block_public_acls, block_public_policy, ignore_public_acls and
#     restrict_public_buckets all set to true.
package attest.rules.aws.s3_public_access_block

import data.attest.lib
import data.attest.lib.aws

flags := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

complete(b) if {
	every f in flags {
		lib.get(b, f, false) == true
	}
}

has_unknown_flag(b) if {
	some f in flags
	lib.is_unknown(b, f)
}

blocks contains b if some b in aws.linked("aws_s3_bucket_public_access_block", "bucket")

blocks contains b if {
	some b in lib.resources("aws_s3_account_public_access_block")
	not b.conditional
}

blocked if {
	some b in blocks
	complete(b)
}

undetermined if {
	some b in blocks
	has_unknown_flag(b)
}

undetermined if aws.may_link("aws_s3_bucket_public_access_block", "bucket")

# An account-level block whose count or for_each is known only at apply
# time may not exist.
undetermined if {
	some b in lib.resources("aws_s3_account_public_access_block")
	b.conditional
}

deny contains msg if {
	count(blocks) == 0
	not undetermined
	msg := "no public access block applies to the bucket or the account"
}

deny contains msg if {
	not blocked
	not undetermined
	some b in blocks
	missing := [f | some f in flags; lib.get(b, f, false) != true]
	msg := sprintf("%s leaves %s off", [b.address, concat(", ", missing)])
}

unknown contains msg if {
	not blocked
	undetermined
	msg := "the public access block settings are not known statically"
}
