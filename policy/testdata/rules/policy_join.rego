# METADATA
# title: Test buckets have a policy
# custom:
#   id: test-has-policy
#   severity: high
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [CC6.1]
package attest.rules.test.has_policy

import data.attest.lib

deny contains {"msg": sprintf("bucket %s has no bucket policy", [input.resource.address])} if {
	not has_policy
}

has_policy if {
	some p in lib.resources("aws_s3_bucket_policy")
	lib.refers_to(p, "bucket", input.resource)
}
