# METADATA
# title: The input's views of the scan indexes are the parts of data.scan about input.resource
# custom:
#   id: test-views
#   severity: low
#   resource_types: [aws_s3_bucket, aws_s3_bucket_policy, aws_s3_bucket_versioning]
#   controls:
#     soc2: [CC6.1]
package attest.rules.test.views

import data.attest.lib

root := input.resource.root

address := input.resource.address

deny contains "index" if not input.index == object.get(data.scan.index, root, {})

deny contains "referrers" if not input.referrers == object.get(data.scan.referrers, [root, address], {})

deny contains "conditional_referrers" if {
	not input.conditional_referrers == object.get(data.scan.conditional_referrers, [root, address], {})
}

deny contains "unresolved" if not input.unresolved == object.get(data.scan.unresolved, root, {})

# The joins of lib, as the Go test reads them back: how many resources each
# one gives.
unknown contains sprintf("resources %d, referrers %d, conditional %d, unresolved %d", [
	count(lib.resources("aws_s3_bucket_versioning")),
	count(lib.referrers("aws_s3_bucket_versioning", "bucket")),
	count(lib.conditional_referrers("aws_s3_bucket_versioning", "bucket")),
	count(lib.unresolved("aws_s3_bucket_versioning", "bucket")),
])
