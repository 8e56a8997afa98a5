# METADATA
# title: S3 buckets keep object versions
# description: >-
#   With versioning on, an overwritten or deleted object can be restored,
#   which protects stored data against mistakes and ransomware. Versioning
#   is read from an aws_s3_bucket_versioning for the bucket (status Enabled)
#   or the legacy inline versioning block (enabled = true) in Terraform, and
#   from VersioningConfiguration.Status in CloudFormation.
# custom:
#   id: aws-s3-versioning
#   severity: medium
#   resource_types: [aws_s3_bucket, "AWS::S3::Bucket"]
#   controls:
#     soc2: [A1.2, PI1.5]
#   remediation: >-
#     Add an aws_s3_bucket_versioning for the bucket with
#     versioning_configuration { status = "Enabled" }.
#   remediation_by_format:
#     terraform: >-
#       Add an aws_s3_bucket_versioning for the bucket with
#       versioning_configuration { status = "Enabled" }.
#     cloudformation: >-
#       Set VersioningConfiguration: {Status: Enabled} in the bucket's
#       Properties.
package attest.rules.aws.s3_versioning

import data.attest.lib.aws.s3

deny contains msg if {
	not s3.versioning_enabled
	not s3.versioning_undetermined
	msg := "versioning is not enabled on the bucket"
}

unknown contains msg if {
	not s3.versioning_enabled
	s3.versioning_undetermined
	msg := "the bucket's versioning status is not known statically"
}
