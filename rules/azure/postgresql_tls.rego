# METADATA
# title: PostgreSQL flexible servers require TLS 1.2 or later
# description: >-
#   A flexible server requires encrypted connections
#   (require_secure_transport on) and TLS 1.2 as the lowest version
#   (ssl_min_protocol_version TLSv1.2) by default. This rule fails when an
#   azurerm_postgresql_flexible_server_configuration turns
#   require_secure_transport off or lowers the minimum to TLSv1 or TLSv1.1,
#   letting credentials and query results cross the network unprotected or
#   under broken protocols.
# custom:
#   id: azure-postgresql-flexible-tls
#   severity: high
#   resource_types: [azurerm_postgresql_flexible_server]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [2.2.7, 4.2.1, 8.3.2]
#   remediation: >-
#     Remove the configurations that set require_secure_transport = "off" or
#     ssl_min_protocol_version below "TLSv1.2".
package attest.rules.azure.postgresql_flexible_tls

import data.attest.lib.azure

config := "azurerm_postgresql_flexible_server_configuration"

deny contains msg if {
	some v in azure.server_params(config, "require_secure_transport")
	v == "off"
	msg := "unencrypted connections are accepted: require_secure_transport is off"
}

deny contains msg if {
	some v in azure.server_params(config, "ssl_min_protocol_version")
	v in {"tlsv1", "tlsv1.0", "tlsv1.1"}
	msg := sprintf("ssl_min_protocol_version is %s, below TLSv1.2", [v])
}

unknown contains msg if {
	some param in ["require_secure_transport", "ssl_min_protocol_version"]
	azure.server_param_unknown(config, param)
	msg := sprintf("whether %s is changed on the server is not known statically", [param])
}
