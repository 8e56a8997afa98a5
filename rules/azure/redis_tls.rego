# METADATA
# title: Azure Cache for Redis refuses TLS below 1.2
# description: >-
#   TLS 1.0 and 1.1 are deprecated and weak. The azurerm provider defaults
#   minimum_tls_version to 1.2; this rule fails when a configuration lowers
#   it.
# custom:
#   id: azure-redis-tls12
#   severity: medium
#   resource_types: [azurerm_redis_cache]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: >-
#     Set minimum_tls_version = "1.2".
package attest.rules.azure.redis_tls12

import data.attest.lib
import data.attest.lib.azure

names := ["minimum_tls_version"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, "1.2")
	v in {"1.0", "1.1"}
	msg := sprintf("the cache accepts TLS %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
