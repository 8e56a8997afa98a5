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
package attest.lib.aws.s3

import data.attest.lib
import data.attest.lib.aws

cfn if input.resource.format == "cloudformation"

# policies is every bucket policy document that applies to input.resource:
# a JSON string (Terraform) or an object (CloudFormation).
policies contains p if {
	not cfn
	p := lib.get(input.resource, "policy", null)
	p != null
}

policies contains p if {
	not cfn
	some bp in aws.linked("aws_s3_bucket_policy", "bucket")
	p := lib.get(bp, "policy", null)
	p != null
}

policies contains p if {
	cfn
	some bp in aws.linked("AWS::S3::BucketPolicy", "Bucket")
	p := lib.get(bp, "PolicyDocument", null)
	p != null
}

# policy_undetermined holds when a policy that may apply to the bucket is not
# known statically, or a policy might name the bucket without the loader
# being able to tell.
policy_undetermined if {
	not cfn
	lib.is_unknown(input.resource, "policy")
}

policy_undetermined if {
	not cfn
	some bp in aws.linked("aws_s3_bucket_policy", "bucket")
	lib.is_unknown(bp, "policy")
}

policy_undetermined if {
	not cfn
	aws.may_link("aws_s3_bucket_policy", "bucket")
}

policy_undetermined if {
	cfn
	some bp in aws.linked("AWS::S3::BucketPolicy", "Bucket")
	lib.is_unknown(bp, "PolicyDocument")
}

policy_undetermined if {
	cfn
	aws.may_link("AWS::S3::BucketPolicy", "Bucket")
}

# versioning_enabled holds when the bucket keeps object versions.
versioning_enabled if {
	not cfn
	some v in object.get(input.resource.attributes, "versioning", [])
	v.enabled == true
}

versioning_enabled if {
	not cfn
	some c in aws.linked("aws_s3_bucket_versioning", "bucket")
	some vc in object.get(c.attributes, "versioning_configuration", [])
	vc.status == "Enabled"
}

versioning_enabled if {
	cfn
	lib.get(input.resource, "VersioningConfiguration.Status", "") == "Enabled"
}

versioning_undetermined if {
	not cfn
	lib.is_unknown(input.resource, "versioning")
}

versioning_undetermined if {
	not cfn
	some c in aws.linked("aws_s3_bucket_versioning", "bucket")
	lib.is_unknown(c, "versioning_configuration")
}

versioning_undetermined if {
	not cfn
	aws.may_link("aws_s3_bucket_versioning", "bucket")
}

versioning_undetermined if {
	cfn
	lib.is_unknown(input.resource, "VersioningConfiguration.Status")
}

# encryption_algorithms is every default server-side encryption algorithm
# the bucket declares (aws:kms, aws:kms:dsse, AES256).
encryption_algorithms contains alg if {
	not cfn
	some cfg in object.get(input.resource.attributes, "server_side_encryption_configuration", [])
	some rule in object.get(cfg, "rule", [])
	some d in object.get(rule, "apply_server_side_encryption_by_default", [])
	alg := d.sse_algorithm
}

encryption_algorithms contains alg if {
	not cfn
	some c in aws.linked("aws_s3_bucket_server_side_encryption_configuration", "bucket")
	some rule in object.get(c.attributes, "rule", [])
	some d in object.get(rule, "apply_server_side_encryption_by_default", [])
	alg := d.sse_algorithm
}

encryption_algorithms contains alg if {
	cfn
	some rule in lib.get(input.resource, "BucketEncryption.ServerSideEncryptionConfiguration", [])
	alg := object.get(rule, ["ServerSideEncryptionByDefault", "SSEAlgorithm"], null)
	alg != null
}

encryption_undetermined if {
	not cfn
	lib.is_unknown(input.resource, "server_side_encryption_configuration")
}

encryption_undetermined if {
	not cfn
	some c in aws.linked("aws_s3_bucket_server_side_encryption_configuration", "bucket")
	lib.is_unknown(c, "rule")
}

encryption_undetermined if {
	not cfn
	aws.may_link("aws_s3_bucket_server_side_encryption_configuration", "bucket")
}

encryption_undetermined if {
	cfn
	lib.is_unknown(input.resource, "BucketEncryption")
}
