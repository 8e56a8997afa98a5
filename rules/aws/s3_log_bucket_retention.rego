# METADATA
# title: Buckets that receive logs keep them for at least a year
# description: >-
#   Investigations and audits need a year of logs; a lifecycle rule that
#   expires log objects sooner destroys evidence on a schedule. A bucket
#   that the configuration shows receiving logs passes when no enabled
#   lifecycle rule expires current objects in fewer than 365 days (moving
#   them to cheaper storage classes is fine); other buckets are not judged.
# custom:
#   id: aws-s3-log-bucket-retention
#   severity: medium
#   resource_types: [aws_s3_bucket, "AWS::S3::Bucket"]
#   controls:
#     soc2: [CC7.2, C1.2]
#     pci-dss-4.0: [10.5.1, 3.2.1]
#   remediation: Expire log objects after 365 days or more (transition them to Glacier earlier to save cost).
#   remediation_by_format:
#     terraform: >-
#       In the aws_s3_bucket_lifecycle_configuration of the log bucket set
#       expiration { days = 365 } (or more), with transition blocks to
#       GLACIER for older logs.
#     cloudformation: >-
#       In LifecycleConfiguration.Rules of the log bucket set
#       ExpirationInDays: 365 (or more), with Transitions to GLACIER for older
#       logs.
package attest.rules.aws.s3_log_bucket_retention

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.logbuckets
import data.attest.lib.aws.svc

# expirations are the days after which an enabled lifecycle rule expires
# current objects. The format's test comes first in each body, where OPA's
# rule index reads it (see data.attest.lib.aws.s3).
expirations contains d if {
	input.resource.format == "cloudformation"
	some r in lib.get(input.resource, "LifecycleConfiguration.Rules", [])
	object.get(r, "Status", "Enabled") == "Enabled"
	d := svc.normal(object.get(r, "ExpirationInDays", null))
	is_number(d)
}

expirations contains d if {
	input.resource.type == "aws_s3_bucket"
	some c in aws.linked("aws_s3_bucket_lifecycle_configuration", "bucket")
	some r in object.get(c.attributes, "rule", [])
	object.get(r, "status", "Enabled") == "Enabled"
	some e in object.get(r, "expiration", [])
	d := object.get(e, "days", null)
	is_number(d)
}

expirations contains d if {
	input.resource.type == "aws_s3_bucket"
	some r in lib.get(input.resource, "lifecycle_rule", [])
	object.get(r, "enabled", true) == true
	some e in object.get(r, "expiration", [])
	d := object.get(e, "days", null)
	is_number(d)
}

undetermined if {
	input.resource.format == "cloudformation"
	lib.is_unknown(input.resource, "LifecycleConfiguration")
}

undetermined if {
	input.resource.type == "aws_s3_bucket"
	some c in aws.linked("aws_s3_bucket_lifecycle_configuration", "bucket")
	lib.is_unknown(c, "rule")
}

undetermined if {
	input.resource.type == "aws_s3_bucket"
	aws.may_link("aws_s3_bucket_lifecycle_configuration", "bucket")
}

undetermined if {
	input.resource.type == "aws_s3_bucket"
	lib.is_unknown(input.resource, "lifecycle_rule")
}

deny contains msg if {
	logbuckets.log_bucket
	some d in expirations
	d < 365
	msg := sprintf("a lifecycle rule deletes the bucket's logs after %v days, fewer than 365", [d])
}

unknown contains msg if {
	logbuckets.log_bucket
	undetermined
	msg := "the bucket's lifecycle rules are not known statically"
}
