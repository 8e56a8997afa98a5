# METADATA
# title: A repository rule that borrows a network helper
# custom:
#   id: test-netuse
#   severity: low
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [CC7.1]
package acme.netuse

import data.acme.fetch

deny contains "sent" if {
	fetch.status(input.resource.attributes.endpoint) == 200
}
