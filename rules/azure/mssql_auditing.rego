# METADATA
# title: Azure SQL servers audit database activity and keep it 90 days or more
# description: >-
#   Server auditing records logins, failed logins, permission changes and
#   queries across every database of the server; without it there is no
#   trace of who read or changed the data. The rule asks for an enabled
#   azurerm_mssql_server_extended_auditing_policy on the server whose
#   retention_in_days is 0 (keep for ever, the default) or at least 90.
#   Logs sent to Log Analytics (log_monitoring_enabled) are kept as long as
#   the workspace keeps them.
# custom:
#   id: azure-sql-server-auditing
#   severity: high
#   resource_types: [azurerm_mssql_server]
#   controls:
#     soc2: [CC7.2, CC7.3]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.2, 10.2.1.4, 10.2.1.5, 10.2.1.7, 10.2.2, 10.5.1]
#   remediation: >-
#     Add resource "azurerm_mssql_server_extended_auditing_policy" { server_id =
#     azurerm_mssql_server.this.id, storage_endpoint = ..., retention_in_days = 365,
#     log_monitoring_enabled = true }.
package attest.rules.azure.sql_server_auditing

import data.attest.lib

policy := "azurerm_mssql_server_extended_auditing_policy"

policies := lib.linked(policy, "server_id")

kept(p) if {
	lib.get(p, "enabled", true) != false
	days := lib.get(p, "retention_in_days", 0)
	days == 0
}

kept(p) if {
	lib.get(p, "enabled", true) != false
	lib.get(p, "retention_in_days", 0) >= 90
}

good if {
	some p in policies
	not lib.is_unknown(p, "enabled")
	not lib.is_unknown(p, "retention_in_days")
	kept(p)
}

undetermined if lib.may_link(policy, "server_id")

undetermined if {
	some p in policies
	some path in ["enabled", "retention_in_days"]
	lib.is_unknown(p, path)
}

deny contains msg if {
	not good
	not undetermined
	count(policies) == 0
	msg := "the server is not audited: no azurerm_mssql_server_extended_auditing_policy"
}

deny contains msg if {
	not good
	not undetermined
	count(policies) > 0
	msg := "the server's auditing is disabled or keeps records less than 90 days"
}

unknown contains msg if {
	not good
	undetermined
	msg := "whether the server is audited, or for how long records are kept, is not known statically"
}
