# METADATA
# title: Instances ask for metadata tokens in their first metadata block
# custom:
#   id: acme-first-tokens
#   severity: high
#   resource_types: [aws_instance]
#   controls:
#     soc2: [CC6.6]
package acme.instances

# first_options conflicts when metadata_options repeats (through dynamic):
# a function must give one value for one input.
first_options(r) := b if {
	some b in object.get(r.attributes, "metadata_options", [])
}

deny contains "the first metadata_options block does not require tokens" if {
	first_options(input.resource).http_tokens != "required"
}
