# METADATA
# title: Azure SQL servers have an Entra ID administrator
# description: >-
#   Without an Entra ID administrator, a SQL server knows only SQL logins:
#   passwords kept in the database, outside the organisation's joiner-mover-
#   leaver process, MFA and conditional access. An azuread_administrator
#   block lets people and workloads sign in with Entra ID identities (and
#   azuread_authentication_only can then retire SQL logins).
# custom:
#   id: azure-sql-server-entra-admin
#   severity: medium
#   resource_types: [azurerm_mssql_server]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.2.1, 8.2.2, 8.3.1]
#   remediation: >-
#     Add azuread_administrator { login_username = "sql-admins", object_id =
#     ..., azuread_authentication_only = true }.
package attest.rules.azure.sql_server_entra_admin

import data.attest.lib
import data.attest.lib.azure

names := ["azuread_administrator.0.login_username"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, null)
	v == null
	msg := "the server has no Entra ID administrator: only SQL logins can sign in"
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
