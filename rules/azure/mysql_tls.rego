# METADATA
# title: MySQL flexible servers require TLS 1.2 or later
# description: >-
#   A MySQL flexible server requires encrypted connections
#   (require_secure_transport ON) and accepts TLS 1.2 and later (tls_version)
#   by default. This rule fails when an
#   azurerm_mysql_flexible_server_configuration turns
#   require_secure_transport OFF or lets TLSv1 or TLSv1.1 back into
#   tls_version.
# custom:
#   id: azure-mysql-flexible-tls
#   severity: high
#   resource_types: [azurerm_mysql_flexible_server]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [2.2.7, 4.2.1, 8.3.2]
#   remediation: >-
#     Remove the configurations that set require_secure_transport = "OFF" or
#     tls_version to include "TLSv1" or "TLSv1.1"; use "TLSv1.2,TLSv1.3".
package attest.rules.azure.mysql_flexible_tls

import data.attest.lib.azure

config := "azurerm_mysql_flexible_server_configuration"

deny contains msg if {
	some v in azure.server_params(config, "require_secure_transport")
	v == "off"
	msg := "unencrypted connections are accepted: require_secure_transport is OFF"
}

deny contains msg if {
	some v in azure.server_params(config, "tls_version")
	some p in split(v, ",")
	trim_space(p) in {"tlsv1", "tlsv1.0", "tlsv1.1"}
	msg := sprintf("tls_version %s allows a protocol below TLSv1.2", [v])
}

unknown contains msg if {
	some param in ["require_secure_transport", "tls_version"]
	azure.server_param_unknown(config, param)
	msg := sprintf("whether %s is changed on the server is not known statically", [param])
}
