# METADATA
# title: Test buckets carry an owner tag
# custom:
#   id: acme-owner-tag
#   severity: low
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [CC1.3]
package acme.compliance.tags

import data.acme.helpers

deny contains "bucket has no owner tag" if {
	not helpers.tagged(input.resource, "owner")
}
