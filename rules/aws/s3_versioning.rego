# METADATA
# title: S3 buckets keep object versions
# description: >-
#   With versioning on, an overwritten or deleted object can be restored,
#   which protects stored data against mistakes and ransomware. Versioning
#   is read from an aws_s3_bucket_versioning for the bucket (status Enabled)
#   or the legacy inline versioning block (enabled = true).
# custom:
#   id: aws-s3-versioning
#   severity: medium
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [A1.2, PI1.5]
#   remediation: >-
#     Add an aws_s3_bucket_versioning for the bucket with
#     versioning_configuration { status = "Enabled" }.
package attest.rules.aws.s3_versioning

import data.attest.lib
import data.attest.lib.aws

enabled if {
	some v in object.get(input.resource.attributes, "versioning", [])
	v.enabled == true
}

enabled if {
	some c in aws.linked("aws_s3_bucket_versioning", "bucket")
	some vc in object.get(c.attributes, "versioning_configuration", [])
	vc.status == "Enabled"
}

undetermined if lib.is_unknown(input.resource, "versioning")

undetermined if {
	some c in aws.linked("aws_s3_bucket_versioning", "bucket")
	lib.is_unknown(c, "versioning_configuration")
}

undetermined if aws.may_link("aws_s3_bucket_versioning", "bucket")

deny contains msg if {
	not enabled
	not undetermined
	msg := "versioning is not enabled on the bucket"
}

unknown contains msg if {
	not enabled
	undetermined
	msg := "the bucket's versioning status is not known statically"
}
