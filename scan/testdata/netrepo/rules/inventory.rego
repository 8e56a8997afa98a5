# METADATA
# title: Buckets are known to the inventory service
# custom:
#   id: acme-inventory
#   severity: low
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [CC7.1]
package acme.inventory

deny contains "the inventory service answered" if {
	resp := http.send({"method": "GET", "url": input.resource.attributes.tags.endpoint})
	resp.status_code == 200
}
