# METADATA
# title: PostgreSQL flexible servers log checkpoints
# description: >-
#   Checkpoint messages in the server log show when and how much data is
#   flushed to disk, which helps tell an attack on availability from
#   ordinary load and rebuild the timeline of an incident. Azure turns
#   log_checkpoints on by default for flexible servers, so an absent
#   parameter passes; the rule fails when an
#   azurerm_postgresql_flexible_server_configuration sets it to anything
#   but on.
# custom:
#   id: azure-postgresql-flexible-log-checkpoints
#   severity: medium
#   resource_types: [azurerm_postgresql_flexible_server]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1]
#   remediation: >-
#     Add resource "azurerm_postgresql_flexible_server_configuration" { name = "log_checkpoints",
#     server_id = azurerm_postgresql_flexible_server.this.id, value = "on" }.
package attest.rules.azure.postgresql_flexible_log_checkpoints

import data.attest.lib.azure

config := "azurerm_postgresql_flexible_server_configuration"

param := "log_checkpoints"

values := azure.server_params(config, param)

deny contains msg if {
	some v in values
	v != "on"
	msg := sprintf("%s is %s", [param, v])
}

unknown contains msg if {
	count(values) == 0
	azure.server_param_unknown(config, param)
	msg := sprintf("whether %s is set on the server is not known statically", [param])
}
