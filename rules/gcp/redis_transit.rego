# METADATA
# title: Memorystore for Redis instances encrypt connections
# description: >-
#   Redis speaks plain text unless transit_encryption_mode is
#   SERVER_AUTHENTICATION: the AUTH string and every cached value cross the
#   network readable by anyone who can observe or redirect the traffic.
# custom:
#   id: gcp-redis-transit-encryption
#   severity: medium
#   resource_types: [google_redis_instance]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1, 8.3.2]
#   remediation: >-
#     Set transit_encryption_mode = "SERVER_AUTHENTICATION" and have clients
#     trust the instance's server_ca_certs.
package attest.rules.gcp.redis_transit_encryption

import data.attest.lib

path := "transit_encryption_mode"

deny contains msg if {
	not lib.is_unknown(input.resource, path)
	mode := lib.get(input.resource, path, "DISABLED")
	mode != "SERVER_AUTHENTICATION"
	msg := sprintf("connections are not encrypted: transit_encryption_mode is %q", [mode])
}

unknown contains msg if {
	lib.is_unknown(input.resource, path)
	msg := "transit_encryption_mode is not known statically"
}
