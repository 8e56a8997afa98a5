# METADATA
# title: PostgreSQL flexible servers log every connection
# description: >-
#   With log_connections on, each connection attempt and each successful
#   authentication is written to the server log: who connected, from where
#   and when, the first question of any investigation into database access.
#   The Terraform configuration does not record the service default, so the
#   rule asks for an azurerm_postgresql_flexible_server_configuration that
#   sets it to on, and fails without one or with another value.
# custom:
#   id: azure-postgresql-flexible-log-connections
#   severity: medium
#   resource_types: [azurerm_postgresql_flexible_server]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.4, 10.2.2]
#   remediation: >-
#     Add resource "azurerm_postgresql_flexible_server_configuration" { name = "log_connections",
#     server_id = azurerm_postgresql_flexible_server.this.id, value = "on" }.
package attest.rules.azure.postgresql_flexible_log_connections

import data.attest.lib.azure

config := "azurerm_postgresql_flexible_server_configuration"

param := "log_connections"

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
