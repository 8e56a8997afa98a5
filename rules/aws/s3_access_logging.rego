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
#   resource_types: [aws_s3_bucket, "AWS::S3::Bucket"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1]
#   remediation: >-
#     Add an aws_s3_bucket_logging for the bucket whose target_bucket is a
#     dedicated log bucket, with a target_prefix per source bucket.
#   remediation_by_format:
#     terraform: >-
#       Add an aws_s3_bucket_logging for the bucket whose target_bucket is a
#       dedicated log bucket, with a target_prefix per source bucket.
#     cloudformation: >-
#       Set LoggingConfiguration: {DestinationBucketName: !Ref YourLogBucket,
#       LogFilePrefix: <bucket>/} in the bucket's Properties.
package attest.rules.aws.s3_access_logging

import data.attest.lib.aws.s3

deny contains msg if {
	not s3.access_logged
	not s3.access_logging_undetermined
	msg := "server access logging is not enabled for the bucket"
}

unknown contains msg if {
	not s3.access_logged
	s3.access_logging_undetermined
	msg := "the bucket's access logging is not known statically"
}
