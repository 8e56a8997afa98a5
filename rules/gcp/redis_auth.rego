# METADATA
# title: Memorystore for Redis instances require AUTH
# description: >-
#   Without AUTH, anything that can reach a Redis instance's address can
#   read and change every key in it, and with it the sessions, tokens and
#   cached data it holds. auth_enabled = true makes clients present a
#   generated AUTH string first.
# custom:
#   id: gcp-redis-auth
#   severity: high
#   resource_types: [google_redis_instance]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.1, 7.3.3]
#   remediation: >-
#     Set auth_enabled = true and give clients the auth_string through Secret
#     Manager.
package attest.rules.gcp.redis_auth

import data.attest.lib

deny contains msg if {
	not lib.is_unknown(input.resource, "auth_enabled")
	lib.get(input.resource, "auth_enabled", false) != true
	msg := "clients connect without authenticating: auth_enabled is not true"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "auth_enabled")
	msg := "auth_enabled is not known statically"
}
