# METADATA
# title: Cosmos DB accounts refuse connections from the public internet
# description: >-
#   With public network access enabled a Cosmos DB account's endpoint
#   answers on the internet, protected only by its keys and an IP filter
#   that is easy to widen. Private endpoints keep the data reachable from
#   the virtual network only. The azurerm provider enables public access
#   unless public_network_access_enabled is false.
# custom:
#   id: azure-cosmosdb-no-public-network-access
#   severity: high
#   resource_types: [azurerm_cosmosdb_account]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: >-
#     Set public_network_access_enabled = false and add an
#     azurerm_private_endpoint for the account.
package attest.rules.azure.cosmosdb_no_public_network_access

import data.attest.lib
import data.attest.lib.azure

names := ["public_network_access_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, true)
	v != false
	msg := sprintf("the account accepts connections from the internet: public_network_access_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
