# METADATA
# title: PostgreSQL flexible servers throttle repeated failed logins
# description: >-
#   With connection throttling, the server slows down and logs repeated
#   failed sign-ins from one address, which blunts password guessing and
#   leaves a record of it. The Terraform configuration does not record the
#   service default, so this rule does not rely on it: it asks for an
#   azurerm_postgresql_flexible_server_configuration that sets
#   connection_throttle.enable to on, and fails without one or with another
#   value.
# custom:
#   id: azure-postgresql-flexible-connection-throttling
#   severity: medium
#   resource_types: [azurerm_postgresql_flexible_server]
#   controls:
#     soc2: [CC6.1, CC7.2]
#     pci-dss-4.0: [10.2.1.4]
#   remediation: >-
#     Add resource "azurerm_postgresql_flexible_server_configuration" { name = "connection_throttle.enable",
#     server_id = azurerm_postgresql_flexible_server.this.id, value = "on" }.
package attest.rules.azure.postgresql_flexible_connection_throttling

import data.attest.lib.azure

config := "azurerm_postgresql_flexible_server_configuration"

param := "connection_throttle.enable"

values := azure.server_params(config, param)

deny contains msg if {
	some v in values
	v != "on"
	msg := sprintf("%s is %s", [param, v])
}

deny contains msg if {
	count(values) == 0
	not azure.server_param_unknown(config, param)
	msg := sprintf("%s is not set to on by an azurerm_postgresql_flexible_server_configuration", [param])
}

unknown contains msg if {
	count(values) == 0
	azure.server_param_unknown(config, param)
	msg := sprintf("whether %s is set on the server is not known statically", [param])
}
