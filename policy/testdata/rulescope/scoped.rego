package acme.scoped

# METADATA
# title: Metadata written above the rule instead of the package
# custom:
#   id: acme-scoped
#   severity: low
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [A1.2]
deny contains "always" if {
	input.resource.type == "aws_s3_bucket"
}
