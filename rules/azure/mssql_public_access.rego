# METADATA
# title: Azure SQL servers refuse connections from the public internet
# description: >-
#   With public network access enabled, the server's endpoint answers on the
#   internet and only firewall rules (often 0.0.0.0-255.255.255.255 "for a
#   test") stand between it and the world. Reach it through a private
#   endpoint instead. The azurerm provider enables public access unless told
#   otherwise.
# custom:
#   id: azure-sql-no-public-network-access
#   severity: high
#   resource_types: [azurerm_mssql_server, azurerm_postgresql_flexible_server, azurerm_mysql_flexible_server]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: >-
#     Set public_network_access_enabled = false and connect through an
#     azurerm_private_endpoint (flexible servers: delegated_subnet_id).
package attest.rules.azure.sql_no_public_network_access

import data.attest.lib

# A flexible server placed in a delegated subnet has no public endpoint.
vnet_integrated if {
	input.resource.type in {"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"}
	d := lib.get(input.resource, "delegated_subnet_id", "")
	d != ""
}

vnet_integrated if {
	input.resource.type in {"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"}
	count(object.get(input.resource, ["refs", "delegated_subnet_id"], [])) > 0
}

deny contains msg if {
	not vnet_integrated
	not lib.is_unknown(input.resource, "delegated_subnet_id")
	lib.get(input.resource, "public_network_access_enabled", true) != false
	not lib.is_unknown(input.resource, "public_network_access_enabled")
	msg := "the server accepts connections from the internet: public_network_access_enabled is not false"
}

unknown contains msg if {
	not vnet_integrated
	some path in ["public_network_access_enabled", "delegated_subnet_id"]
	lib.is_unknown(input.resource, path)
	lib.get(input.resource, "public_network_access_enabled", true) != false
	msg := sprintf("%s is not known statically", [path])
}
