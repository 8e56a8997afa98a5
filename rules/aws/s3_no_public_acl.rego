# METADATA
# title: S3 buckets do not grant access to everyone through ACLs
# description: >-
#   The canned ACLs public-read and public-read-write open a bucket's listing
#   (and, for the latter, writes) to everyone, and authenticated-read to any
#   AWS account in the world; an explicit grant to the AllUsers or
#   AuthenticatedUsers group does the same. The ACL is read from the legacy
#   acl and grant arguments of aws_s3_bucket or from an aws_s3_bucket_acl
#   (acl or access_control_policy) that names the bucket.
# custom:
#   id: aws-s3-no-public-acl
#   severity: high
#   resource_types: [aws_s3_bucket, "AWS::S3::Bucket"]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.4.4, 7.2.1]
#   remediation: Use the private canned ACL (or disable ACLs with object_ownership = "BucketOwnerEnforced") and grant access through bucket policies.
#   remediation_by_format:
#     terraform: >-
#       Use the private canned ACL (or disable ACLs with object_ownership =
#       "BucketOwnerEnforced") and grant access through bucket policies.
#     cloudformation: >-
#       Remove AccessControl (or set it to Private), set OwnershipControls
#       Rules to [{ObjectOwnership: BucketOwnerEnforced}], and grant access
#       through an AWS::S3::BucketPolicy.
package attest.rules.aws.s3_no_public_acl

import data.attest.lib
import data.attest.lib.aws

public_acls := {"public-read", "public-read-write", "authenticated-read"}

public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

# legacy_grants are the grant blocks of the bucket itself.
legacy_grants := [g | some g in object.get(input.resource.attributes, "grant", []); is_object(g)]

# acl_grantees are the grantees of each aws_s3_bucket_acl's
# access_control_policy, with the permission granted.
acl_grantees contains [a.address, object.get(g, "permission", "?"), ge] if {
	some a in aws.linked("aws_s3_bucket_acl", "bucket")
	some acp in object.get(a.attributes, "access_control_policy", [])
	some g in object.get(acp, "grant", [])
	some ge in object.get(g, "grantee", [])
	is_object(ge)
}

# The Terraform bodies start with the test of the bucket's type, the
# CloudFormation ones with that of its format, which OPA's rule index reads
# (see data.attest.lib.aws.s3).
deny contains msg if {
	input.resource.type == "aws_s3_bucket"
	some g in legacy_grants
	g.uri in public_groups
	msg := sprintf("a grant gives %v to %s", [object.get(g, "permissions", []), g.uri])
}

deny contains msg if {
	input.resource.type == "aws_s3_bucket"
	some [address, permission, grantee] in acl_grantees
	grantee.uri in public_groups
	msg := sprintf("%s grants %s to %s", [address, permission, grantee.uri])
}

# Only which group a grant names decides; a computed canonical user id does
# not.
unknown contains msg if {
	input.resource.type == "aws_s3_bucket"
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^grant(\.[0-9]+(\.uri)?)?$`, u)
	msg := "a grant of the bucket is not known statically"
}

unknown contains msg if {
	input.resource.type == "aws_s3_bucket"
	some a in aws.linked("aws_s3_bucket_acl", "bucket")
	some u in object.get(a, "unknown", [])
	regex.match(`^access_control_policy(\.[0-9]+(\.grant(\.[0-9]+(\.grantee(\.[0-9]+(\.uri)?)?)?)?)?)?$`, u)
	msg := sprintf("a grant of %s is not known statically", [a.address])
}

deny contains msg if {
	input.resource.type == "aws_s3_bucket"
	acl := lib.get(input.resource, "acl", "")
	acl in public_acls
	msg := sprintf("the bucket's acl is %s", [acl])
}

deny contains msg if {
	input.resource.type == "aws_s3_bucket"
	some a in aws.linked("aws_s3_bucket_acl", "bucket")
	acl := lib.get(a, "acl", "")
	acl in public_acls
	msg := sprintf("%s sets the canned ACL %s", [a.address, acl])
}

unknown contains msg if {
	input.resource.type == "aws_s3_bucket"
	lib.is_unknown(input.resource, "acl")
	msg := "the bucket's acl is not known statically"
}

unknown contains msg if {
	input.resource.type == "aws_s3_bucket"
	aws.may_link("aws_s3_bucket_acl", "bucket")
	msg := "an aws_s3_bucket_acl names a bucket that is not known statically"
}

unknown contains msg if {
	input.resource.type == "aws_s3_bucket"
	some a in aws.linked("aws_s3_bucket_acl", "bucket")
	lib.is_unknown(a, "acl")
	msg := sprintf("the acl of %s is not known statically", [a.address])
}

# CloudFormation writes canned ACLs in its own words.
cfn_public_acls := {"PublicRead", "PublicReadWrite", "AuthenticatedRead"}

deny contains msg if {
	input.resource.format == "cloudformation"
	acl := lib.get(input.resource, "AccessControl", "")
	acl in cfn_public_acls
	msg := sprintf("the bucket's AccessControl is %s", [acl])
}

unknown contains msg if {
	input.resource.format == "cloudformation"
	lib.is_unknown(input.resource, "AccessControl")
	msg := "the bucket's AccessControl is not known statically"
}
