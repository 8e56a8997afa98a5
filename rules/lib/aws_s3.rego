# Package attest.lib.aws.s3 reads what an S3 rule asks of a bucket from
# whichever input format the bucket came from, so that one rule judges
# Terraform and CloudFormation alike:
#
# - Terraform: the aws_s3_bucket's own (legacy) arguments and the companion
#   resources that name it by reference or by literal name
#   (aws_s3_bucket_policy, aws_s3_bucket_versioning,
#   aws_s3_bucket_server_side_encryption_configuration).
# - CloudFormation: the AWS::S3::Bucket's Properties and the
#   AWS::S3::BucketPolicy whose Bucket refers to it (!Ref, or the literal
#   BucketName).
#
# Opta resources arrive as Terraform types and take the Terraform branch.
# Each question has a "known" answer and an "undetermined" twin that holds
# when the answer depends on a value not known statically.
#
# The helpers read an aws_s3_bucket or an AWS::S3::Bucket. Each body of
# one format starts with the test OPA's rule index reads, so that the index
# leaves out the bodies of the other format before evaluating them:
# input.resource.format == "cloudformation" for an AWS::S3::Bucket, and
# input.resource.type == "aws_s3_bucket" for a Terraform or Opta bucket (a
# test of "not cfn" cannot be indexed). A body entered costs the
# interpreter its bindings even when its first expression fails, and every
# bucket met some thirty bodies of the other format.
package attest.lib.aws.s3

import data.attest.lib
import data.attest.lib.aws

cfn if input.resource.format == "cloudformation"

# policies is every bucket policy document that applies to input.resource:
# a JSON string (Terraform) or an object (CloudFormation).
policies contains p if {
	input.resource.type == "aws_s3_bucket"
	p := lib.get(input.resource, "policy", null)
	p != null
}

policies contains p if {
	input.resource.type == "aws_s3_bucket"
	some bp in aws.linked("aws_s3_bucket_policy", "bucket")
	p := lib.get(bp, "policy", null)
	p != null
}

policies contains p if {
	input.resource.format == "cloudformation"
	some bp in aws.linked("AWS::S3::BucketPolicy", "Bucket")
	p := lib.get(bp, "PolicyDocument", null)
	p != null
}

# policy_undetermined holds when a policy that may apply to the bucket is not
# known statically, or a policy might name the bucket without the loader
# being able to tell.
policy_undetermined if {
	input.resource.type == "aws_s3_bucket"
	lib.is_unknown(input.resource, "policy")
}

policy_undetermined if {
	input.resource.type == "aws_s3_bucket"
	some bp in aws.linked("aws_s3_bucket_policy", "bucket")
	lib.is_unknown(bp, "policy")
}

policy_undetermined if {
	input.resource.type == "aws_s3_bucket"
	aws.may_link("aws_s3_bucket_policy", "bucket")
}

policy_undetermined if {
	input.resource.format == "cloudformation"
	some bp in aws.linked("AWS::S3::BucketPolicy", "Bucket")
	lib.is_unknown(bp, "PolicyDocument")
}

policy_undetermined if {
	input.resource.format == "cloudformation"
	aws.may_link("AWS::S3::BucketPolicy", "Bucket")
}

# versioning_enabled holds when the bucket keeps object versions.
versioning_enabled if {
	input.resource.type == "aws_s3_bucket"
	some v in object.get(input.resource.attributes, "versioning", [])
	v.enabled == true
}

versioning_enabled if {
	input.resource.type == "aws_s3_bucket"
	some c in aws.linked("aws_s3_bucket_versioning", "bucket")
	some vc in object.get(c.attributes, "versioning_configuration", [])
	vc.status == "Enabled"
}

versioning_enabled if {
	input.resource.format == "cloudformation"
	lib.get(input.resource, "VersioningConfiguration.Status", "") == "Enabled"
}

versioning_undetermined if {
	input.resource.type == "aws_s3_bucket"
	lib.is_unknown(input.resource, "versioning")
}

versioning_undetermined if {
	input.resource.type == "aws_s3_bucket"
	some c in aws.linked("aws_s3_bucket_versioning", "bucket")
	lib.is_unknown(c, "versioning_configuration")
}

versioning_undetermined if {
	input.resource.type == "aws_s3_bucket"
	aws.may_link("aws_s3_bucket_versioning", "bucket")
}

versioning_undetermined if {
	input.resource.format == "cloudformation"
	lib.is_unknown(input.resource, "VersioningConfiguration.Status")
}

# encryption_algorithms is every default server-side encryption algorithm
# the bucket declares (aws:kms, aws:kms:dsse, AES256).
encryption_algorithms contains alg if {
	input.resource.type == "aws_s3_bucket"
	some cfg in object.get(input.resource.attributes, "server_side_encryption_configuration", [])
	some rule in object.get(cfg, "rule", [])
	some d in object.get(rule, "apply_server_side_encryption_by_default", [])
	alg := d.sse_algorithm
}

encryption_algorithms contains alg if {
	input.resource.type == "aws_s3_bucket"
	some c in aws.linked("aws_s3_bucket_server_side_encryption_configuration", "bucket")
	some rule in object.get(c.attributes, "rule", [])
	some d in object.get(rule, "apply_server_side_encryption_by_default", [])
	alg := d.sse_algorithm
}

encryption_algorithms contains alg if {
	input.resource.format == "cloudformation"
	some rule in lib.get(input.resource, "BucketEncryption.ServerSideEncryptionConfiguration", [])
	alg := object.get(rule, ["ServerSideEncryptionByDefault", "SSEAlgorithm"], null)
	alg != null
}

encryption_undetermined if {
	input.resource.type == "aws_s3_bucket"
	lib.is_unknown(input.resource, "server_side_encryption_configuration")
}

encryption_undetermined if {
	input.resource.type == "aws_s3_bucket"
	some c in aws.linked("aws_s3_bucket_server_side_encryption_configuration", "bucket")
	lib.is_unknown(c, "rule")
}

encryption_undetermined if {
	input.resource.type == "aws_s3_bucket"
	aws.may_link("aws_s3_bucket_server_side_encryption_configuration", "bucket")
}

encryption_undetermined if {
	input.resource.format == "cloudformation"
	lib.is_unknown(input.resource, "BucketEncryption")
}

# kms_algorithms are the default encryption algorithms that use a KMS key.
kms_algorithms := {"aws:kms", "aws:kms:dsse"}

# public_access_flags are the four settings of a public access block, by
# their Terraform names; flag_name(f) is f in the words of the resource's
# format.
public_access_flags := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

_cfn_flags := {
	"block_public_acls": "BlockPublicAcls",
	"block_public_policy": "BlockPublicPolicy",
	"ignore_public_acls": "IgnorePublicAcls",
	"restrict_public_buckets": "RestrictPublicBuckets",
}

flag_name(f) := _cfn_flags[f] if input.resource.format == "cloudformation"

flag_name(f) := f if input.resource.type == "aws_s3_bucket"

# public_access_blocks is every public access block that applies to the
# bucket, as [address, settings]: settings maps each flag of
# public_access_flags to true, false or "unknown". Terraform: the bucket's
# aws_s3_bucket_public_access_block and the account's
# aws_s3_account_public_access_block; CloudFormation: the bucket's
# PublicAccessBlockConfiguration.
public_access_blocks contains [b.address, settings] if {
	input.resource.type == "aws_s3_bucket"
	some b in aws.linked("aws_s3_bucket_public_access_block", "bucket")
	settings := attest.flags(b, _tf_flag_paths)
}

public_access_blocks contains [b.address, settings] if {
	input.resource.type == "aws_s3_bucket"
	some b in lib.resources("aws_s3_account_public_access_block")
	not b.conditional
	settings := attest.flags(b, _tf_flag_paths)
}

public_access_blocks contains [input.resource.address, settings] if {
	input.resource.format == "cloudformation"
	_cfn_block_declared
	settings := attest.flags(input.resource, _cfn_flag_paths)
}

# _tf_flag_paths and _cfn_flag_paths are the paths of the four flags of
# public_access_flags in a Terraform public access block and in an
# AWS::S3::Bucket. The built-in attest.flags reads the flag at each path as
# true, false or "unknown" (when the path is not known statically); a flag
# is true when written true or "true" in any case, as CloudFormation takes
# it.
_tf_flag_paths := {
	"block_public_acls": "block_public_acls",
	"block_public_policy": "block_public_policy",
	"ignore_public_acls": "ignore_public_acls",
	"restrict_public_buckets": "restrict_public_buckets",
}

_cfn_flag_paths := {
	"block_public_acls": "PublicAccessBlockConfiguration.BlockPublicAcls",
	"block_public_policy": "PublicAccessBlockConfiguration.BlockPublicPolicy",
	"ignore_public_acls": "PublicAccessBlockConfiguration.IgnorePublicAcls",
	"restrict_public_buckets": "PublicAccessBlockConfiguration.RestrictPublicBuckets",
}

_cfn_block_declared if lib.get(input.resource, "PublicAccessBlockConfiguration", null) != null

_cfn_block_declared if lib.is_unknown(input.resource, "PublicAccessBlockConfiguration")

# is_true(v) holds for true, however the format writes it (CloudFormation
# takes "true" as well), as attest.flags reads a flag.
is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(v) == "true"
}

# public_access_block_may_link holds when a Terraform public access block
# might name the bucket but the loader could not tell, or might apply but
# might not exist (an account-level block whose count or for_each is known
# only at apply time).
public_access_block_may_link if {
	input.resource.type == "aws_s3_bucket"
	aws.may_link("aws_s3_bucket_public_access_block", "bucket")
}

public_access_block_may_link if {
	input.resource.type == "aws_s3_bucket"
	some b in lib.resources("aws_s3_account_public_access_block")
	b.conditional
}

# access_logged holds when the bucket's server access logs are delivered, or
# the bucket is itself the destination of other buckets' access logs.
# CloudFormation delivers them to the bucket itself when
# LoggingConfiguration names no destination.
access_logged if {
	input.resource.type == "aws_s3_bucket"
	some l in object.get(input.resource.attributes, "logging", [])
	object.get(l, "target_bucket", "") != ""
}

access_logged if {
	input.resource.type == "aws_s3_bucket"
	count(aws.linked("aws_s3_bucket_logging", "bucket")) > 0
}

access_logged if {
	input.resource.type == "aws_s3_bucket"
	count(aws.linked("aws_s3_bucket_logging", "target_bucket")) > 0
}

access_logged if {
	input.resource.format == "cloudformation"
	is_object(lib.get(input.resource, "LoggingConfiguration", null))
}

access_logged if {
	input.resource.format == "cloudformation"
	count(aws.linked("AWS::S3::Bucket", "LoggingConfiguration.DestinationBucketName")) > 0
}

access_logging_undetermined if {
	input.resource.type == "aws_s3_bucket"
	lib.is_unknown(input.resource, "logging")
}

access_logging_undetermined if {
	input.resource.type == "aws_s3_bucket"
	aws.may_link("aws_s3_bucket_logging", "bucket")
}

access_logging_undetermined if {
	input.resource.format == "cloudformation"
	lib.is_unknown(input.resource, "LoggingConfiguration")
	not is_object(lib.get(input.resource, "LoggingConfiguration", null))
}
