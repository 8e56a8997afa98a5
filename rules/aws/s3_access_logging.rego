# METADATA
# title: S3 buckets log access requests
# description: >-
#   Server access logs record each request made to a bucket (who, what, when,
#   from where), the record needed to trace access to stored data. A bucket
#   passes when an aws_s3_bucket_logging names it, or its legacy inline logging
#   block sets a target_bucket. A bucket that receives other buckets' access
#   logs passes: logging a log bucket into itself would loop.
# custom:
#   id: aws-s3-access-logging
#   severity: medium
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1]
#   remediation: >-
#     Add an aws_s3_bucket_logging for the bucket whose target_bucket is a
#     dedicated log bucket, with a target_prefix per source bucket.
package attest.rules.aws.s3_access_logging

import data.attest.lib
import data.attest.lib.aws

logged if {
	some l in object.get(input.resource.attributes, "logging", [])
	object.get(l, "target_bucket", "") != ""
}

logged if count(aws.linked("aws_s3_bucket_logging", "bucket")) > 0

# The bucket is itself the target of access logs.
logged if count(aws.linked("aws_s3_bucket_logging", "target_bucket")) > 0

undetermined if lib.is_unknown(input.resource, "logging")

undetermined if aws.may_link("aws_s3_bucket_logging", "bucket")

deny contains msg if {
	not logged
	not undetermined
	msg := "server access logging is not enabled for the bucket"
}

unknown contains msg if {
	not logged
	undetermined
	msg := "the bucket's access logging is not known statically"
}
