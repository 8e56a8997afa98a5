# METADATA
# title: Azure SQL servers refuse TLS below 1.2
# description: >-
#   Connections to an Azure SQL server carry logins and query results; TLS
#   1.0 and 1.1 no longer protect them adequately. The azurerm provider
#   defaults minimum_tls_version to 1.2; this rule fails when a
#   configuration lowers it or disables the minimum.
# custom:
#   id: azure-sql-server-tls12
#   severity: high
#   resource_types: [azurerm_mssql_server]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: >-
#     Set minimum_tls_version = "1.2".
package attest.rules.azure.sql_server_tls12

import data.attest.lib
import data.attest.lib.azure

names := ["minimum_tls_version"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, "1.2")
	v in {"1.0", "1.1", "Disabled"}
	msg := sprintf("the server accepts TLS below 1.2: minimum_tls_version is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
