# METADATA
# title: S3 buckets do not grant access through public canned ACLs
# description: >-
#   The canned ACLs public-read and public-read-write open a bucket's listing
#   (and, for the latter, writes) to everyone, and authenticated-read to any
#   AWS account in the world. The ACL is read from the legacy acl argument of
#   aws_s3_bucket or from an aws_s3_bucket_acl that names the bucket.
# custom:
#   id: aws-s3-no-public-acl
#   severity: high
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.4.4, 7.2.1]
#   remediation: Use the private canned ACL (or disable ACLs with object_ownership = "BucketOwnerEnforced") and grant access through bucket policies.
package attest.rules.aws.s3_no_public_acl

import data.attest.lib
import data.attest.lib.aws

public_acls := {"public-read", "public-read-write", "authenticated-read"}

deny contains msg if {
	acl := lib.get(input.resource, "acl", "")
	acl in public_acls
	msg := sprintf("the bucket's acl is %s", [acl])
}

deny contains msg if {
	some a in aws.linked("aws_s3_bucket_acl", "bucket")
	acl := lib.get(a, "acl", "")
	acl in public_acls
	msg := sprintf("%s sets the canned ACL %s", [a.address, acl])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "acl")
	msg := "the bucket's acl is not known statically"
}

unknown contains msg if {
	aws.may_link("aws_s3_bucket_acl", "bucket")
	msg := "an aws_s3_bucket_acl names a bucket that is not known statically"
}

unknown contains msg if {
	some a in aws.linked("aws_s3_bucket_acl", "bucket")
	lib.is_unknown(a, "acl")
	msg := sprintf("the acl of %s is not known statically", [a.address])
}
