# METADATA
# title: A deny that is a boolean, not a set
# custom:
#   id: test-boolean
#   severity: low
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [A1.2]
package acme.boolean

deny if {
	input.resource.attributes.acl == "public-read"
}
