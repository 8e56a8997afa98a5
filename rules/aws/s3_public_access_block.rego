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
#   resource_types: [aws_s3_bucket, "AWS::S3::Bucket"]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: >-
#     Add an aws_s3_bucket_public_access_block for the bucket (or one
#     aws_s3_account_public_access_block for the account) with
#     block_public_acls, block_public_policy, ignore_public_acls and
#     restrict_public_buckets all set to true.
#   remediation_by_format:
#     terraform: >-
#       Add an aws_s3_bucket_public_access_block for the bucket (or one
#       aws_s3_account_public_access_block for the account) with
#       block_public_acls, block_public_policy, ignore_public_acls and
#       restrict_public_buckets all set to true.
#     cloudformation: >-
#       Set PublicAccessBlockConfiguration in the bucket's Properties with
#       BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and
#       RestrictPublicBuckets all true.
package attest.rules.aws.s3_public_access_block

import data.attest.lib.aws.s3

blocks := s3.public_access_blocks

# A block's settings map each of the four flags of s3.public_access_flags,
# and only them, to true, false or "unknown": the block blocks when they are
# all true.
blocked if {
	some [_, settings] in blocks
	settings == {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}
}

undetermined if {
	some [_, settings] in blocks
	"unknown" in settings
}

undetermined if s3.public_access_block_may_link

deny contains msg if {
	count(blocks) == 0
	not undetermined
	msg := "no public access block applies to the bucket or the account"
}

deny contains msg if {
	not blocked
	not undetermined
	some [address, settings] in blocks
	missing := [s3.flag_name(f) | some f in s3.public_access_flags; settings[f] != true]
	msg := sprintf("%s leaves %s off", [address, concat(", ", missing)])
}

unknown contains msg if {
	not blocked
	undetermined
	msg := "the public access block settings are not known statically"
}
