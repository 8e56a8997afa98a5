# METADATA
# title: Broken
# custom:
#   id: test-broken
#   severity: high
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [CC6.1]
package attest.rules.test.broken

deny contains "x" if {
	input.resource.type ==
}
