# METADATA
# title: Buckets that receive logs have Object Lock
# description: >-
#   Audit logs are evidence only if nobody, an attacker with stolen admin
#   credentials included, can delete or overwrite them. Object Lock keeps
#   each object version for a retention period that, in compliance mode,
#   even the root user cannot shorten. A bucket that the configuration
#   shows receiving logs (S3 access logs, CloudTrail, load balancer, flow
#   log, CloudFront, Config or Redshift logs) passes when Object Lock is
#   enabled; other buckets are not judged.
# custom:
#   id: aws-s3-log-bucket-object-lock
#   severity: medium
#   resource_types: [aws_s3_bucket, "AWS::S3::Bucket"]
#   controls:
#     soc2: [CC7.2, PI1.5]
#     pci-dss-4.0: [10.3.2, 10.3.3, 10.5.1]
#   remediation: Create the log bucket with Object Lock enabled and a default retention (compliance or governance mode) of at least 365 days.
#   remediation_by_format:
#     terraform: >-
#       Set object_lock_enabled = true on the aws_s3_bucket and add an
#       aws_s3_bucket_object_lock_configuration with rule {
#       default_retention { mode = "COMPLIANCE", days = 365 } }.
#     cloudformation: >-
#       Set ObjectLockEnabled: true and ObjectLockConfiguration
#       {ObjectLockEnabled: Enabled, Rule: {DefaultRetention: {Mode:
#       COMPLIANCE, Days: 365}}} on the AWS::S3::Bucket.
package attest.rules.aws.s3_log_bucket_object_lock

import data.attest.lib
import data.attest.lib.aws.logbuckets
import data.attest.lib.aws.svc

# The format's test comes first in each body, where OPA's rule index reads it
# (see data.attest.lib.aws.s3).
paths := ["ObjectLockEnabled"] if input.resource.format == "cloudformation"

paths := ["object_lock_enabled", "object_lock_configuration.0.object_lock_enabled"] if input.resource.type == "aws_s3_bucket"

locked if {
	some p in paths
	v := svc.normal(lib.get(input.resource, p, false))
	v in {true, "Enabled"}
}

undetermined if {
	some p in paths
	lib.is_unknown(input.resource, p)
}

deny contains msg if {
	logbuckets.log_bucket
	not locked
	not undetermined
	msg := "the bucket receives logs but Object Lock is not enabled, so they can be deleted or overwritten"
}

unknown contains msg if {
	logbuckets.log_bucket
	not locked
	undetermined
	msg := "whether Object Lock is enabled is not known statically"
}
