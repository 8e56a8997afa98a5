# METADATA
# title: Azure Cache for Redis does not open the plain-text port
# description: >-
#   Port 6379 of Azure Cache for Redis carries the access key and every
#   cached value in clear text. The provider keeps it closed by default;
#   this rule fails when non_ssl_port_enabled (azurerm 4) or
#   enable_non_ssl_port (azurerm 3) is true.
# custom:
#   id: azure-redis-non-ssl-port-disabled
#   severity: high
#   resource_types: [azurerm_redis_cache]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [2.2.5, 4.2.1, 8.3.2]
#   remediation: >-
#     Remove non_ssl_port_enabled = true and connect on port 6380 with TLS.
package attest.rules.azure.redis_non_ssl_port_disabled

import data.attest.lib
import data.attest.lib.azure

names := ["non_ssl_port_enabled", "enable_non_ssl_port"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v == true
	msg := sprintf("the plain-text port 6379 is open: the non-SSL port setting is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
