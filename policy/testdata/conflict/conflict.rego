# METADATA
# title: Test buckets expire old objects
# custom:
#   id: test-conflict
#   severity: low
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [A1.2]
package attest.rules.test.conflict

# first_rule conflicts when a bucket has several lifecycle_rule blocks: a
# function must give one value for one input.
first_rule(r) := b if {
	some b in object.get(r.attributes, "lifecycle_rule", [])
}

deny contains "the first lifecycle rule is disabled" if {
	first_rule(input.resource).enabled == false
}
