# METADATA
# title: Test buckets are known to an inventory service
# custom:
#   id: test-network
#   severity: low
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [CC7.1]
package acme.network

deny contains "the inventory service does not know the bucket" if {
	resp := http.send({"method": "GET", "url": input.resource.attributes.endpoint})
	resp.status_code != 404
}
