# METADATA
# title: S3 buckets replicate to a second bucket
# description: >-
#   A replica in another bucket (same region is enough) is a backup that
#   survives the deletion of the source bucket or a bad write to it, and
#   auditors ask for it as part of backup and recovery. A bucket passes when
#   an aws_s3_bucket_replication_configuration with at least one enabled rule
#   names it as the source, or its legacy inline replication_configuration has
#   an enabled rule. A bucket that is itself a replication destination passes.
# custom:
#   id: aws-s3-replication
#   severity: low
#   resource_types: [aws_s3_bucket, "AWS::S3::Bucket"]
#   controls:
#     soc2: [A1.2, CC7.5]
#   remediation: >-
#     Enable versioning on the bucket and on a destination bucket, then add an
#     aws_s3_bucket_replication_configuration with a role and a rule whose
#     status is "Enabled" and whose destination is the second bucket.
#   remediation_by_format:
#     terraform: >-
#       Enable versioning on the bucket and on a destination bucket, then add
#       an aws_s3_bucket_replication_configuration with a role and a rule
#       whose status is "Enabled" and whose destination is the second bucket.
#     cloudformation: >-
#       Enable versioning on the bucket and on a destination bucket, then set
#       ReplicationConfiguration: {Role: !GetAtt ReplicationRole.Arn, Rules:
#       [{Status: Enabled, Destination: {Bucket: !GetAtt Copy.Arn}}]} in the
#       bucket's Properties.
package attest.rules.aws.s3_replication

import data.attest.lib
import data.attest.lib.aws

# The separate resource has rule blocks; the legacy inline block has rules.
enabled_rule(cfg) if {
	some key in ["rule", "rules"]
	some r in object.get(cfg, key, [])
	r.status == "Enabled"
}

# CloudFormation: the bucket's own ReplicationConfiguration, or another
# bucket's rule whose Destination.Bucket refers to it. The CloudFormation
# bodies start with the test of the bucket's format, the Terraform ones with
# that of its type, which OPA's rule index reads (see
# data.attest.lib.aws.s3).
replicated if {
	input.resource.format == "cloudformation"
	some r in lib.get(input.resource, "ReplicationConfiguration.Rules", [])
	lib.get({"attributes": r}, "Status", "") == "Enabled"
}

# The other buckets that refer to this one are in the engine's indexes of
# referrers (those sure to exist and those that may not), by the path of the
# reference: a lookup rather than a walk over every reference of every
# bucket of the root. A bucket's references to itself are not indexed; they
# are read from its own refs. The test of a destination's path is written
# out in each body rather than called: a call would cost the interpreter a
# frame for each path of each referrer.
#
# The CloudFormation loader records a reference at its path and at every
# path above it, so a reference from a rule's Destination.Bucket is also one
# from ReplicationConfiguration: each body first looks that up (a lookup the
# rule index reads, for the referrers), and walks the paths only when it is
# there, which for most buckets it is not.
replicated if {
	input.resource.format == "cloudformation"
	input.referrers["AWS::S3::Bucket"].ReplicationConfiguration
	some path, cs in input.referrers["AWS::S3::Bucket"]
	startswith(path, "ReplicationConfiguration.Rules.")
	endswith(path, ".Destination.Bucket")
	count(cs) > 0
}

replicated if {
	input.resource.format == "cloudformation"
	input.conditional_referrers["AWS::S3::Bucket"].ReplicationConfiguration
	some path, cs in input.conditional_referrers["AWS::S3::Bucket"]
	startswith(path, "ReplicationConfiguration.Rules.")
	endswith(path, ".Destination.Bucket")
	count(cs) > 0
}

replicated if {
	input.resource.format == "cloudformation"
	input.resource.address in input.resource.refs.ReplicationConfiguration
	some path, addrs in input.resource.refs
	startswith(path, "ReplicationConfiguration.Rules.")
	endswith(path, ".Destination.Bucket")
	input.resource.address in addrs
}

# Only whether a rule is enabled decides; an unknown role or destination
# ARN does not.
undetermined if {
	input.resource.format == "cloudformation"
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^ReplicationConfiguration(\.Rules(\.[0-9]+(\.Status)?)?)?$`, u)
}

replicated if {
	input.resource.type == "aws_s3_bucket"
	some cfg in object.get(input.resource.attributes, "replication_configuration", [])
	enabled_rule(cfg)
}

replicated if {
	input.resource.type == "aws_s3_bucket"
	some c in aws.linked("aws_s3_bucket_replication_configuration", "bucket")
	enabled_rule(c.attributes)
}

# A destination bucket is the copy; it need not replicate again. It is
# named in a rule's destination by reference or by its ARN.
replicated if {
	input.resource.type == "aws_s3_bucket"
	some c in lib.resources("aws_s3_bucket_replication_configuration")
	not lib.refers_to(c, "bucket", input.resource)
	some path, addrs in object.get(c, "refs", {})
	startswith(path, "rule")
	input.resource.address in addrs
}

replicated if {
	input.resource.type == "aws_s3_bucket"
	name := lib.get(input.resource, "bucket", null)
	is_string(name)
	some c in lib.resources("aws_s3_bucket_replication_configuration")
	some r in object.get(c.attributes, "rule", [])
	some d in object.get(r, "destination", [])
	d.bucket == concat("", ["arn:aws:s3:::", name])
}

undetermined if {
	input.resource.type == "aws_s3_bucket"
	lib.is_unknown(input.resource, "replication_configuration")
}

undetermined if {
	input.resource.type == "aws_s3_bucket"
	some c in aws.linked("aws_s3_bucket_replication_configuration", "bucket")
	lib.is_unknown(c, "rule")
}

undetermined if {
	input.resource.type == "aws_s3_bucket"
	aws.may_link("aws_s3_bucket_replication_configuration", "bucket")
}

deny contains msg if {
	not replicated
	not undetermined
	msg := "the bucket is not replicated to another bucket"
}

unknown contains msg if {
	not replicated
	undetermined
	msg := "the bucket's replication configuration is not known statically"
}
