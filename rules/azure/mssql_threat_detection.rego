# METADATA
# title: Azure SQL servers have threat detection (Defender for SQL) on
# description: >-
#   Defender for SQL watches queries and logins for SQL injection, brute
#   force and access from unusual places, and raises alerts while an attack
#   is under way. It is on for a server when an
#   azurerm_mssql_server_security_alert_policy for it has state Enabled and
#   disables no alert type, or when the configuration turns on the
#   SqlServers Defender plan for the subscription at the Standard tier. With
#   neither, the rule fails if the configuration manages Defender plans and
#   gives unknown if it manages none (the plan may be set elsewhere).
# custom:
#   id: azure-sql-server-threat-detection
#   severity: high
#   resource_types: [azurerm_mssql_server]
#   controls:
#     soc2: [CC7.2, CC7.3]
#     pci-dss-4.0: [5.2.1, 10.4.1.1, 11.5.1]
#   remediation: >-
#     Add resource "azurerm_mssql_server_security_alert_policy" { server_name =
#     azurerm_mssql_server.this.name, resource_group_name = ..., state = "Enabled" }
#     or an azurerm_security_center_subscription_pricing { resource_type = "SqlServers", tier = "Standard" }.
package attest.rules.azure.sql_server_threat_detection

import data.attest.lib
import data.attest.lib.azure

alert_policy := "azurerm_mssql_server_security_alert_policy"

plans := {"SqlServers"}

policies := lib.linked(alert_policy, "server_name")

on(p) if {
	lib.get(p, "state", "") == "Enabled"
	count(lib.get(p, "disabled_alerts", [])) == 0
}

good if {
	some p in policies
	not lib.is_unknown(p, "state")
	not lib.is_unknown(p, "disabled_alerts")
	on(p)
}

good if azure.defender_standard(plans)

undetermined if lib.may_link(alert_policy, "server_name")

undetermined if {
	some p in policies
	some path in ["state", "disabled_alerts"]
	lib.is_unknown(p, path)
}

undetermined if {
	count(policies) == 0
	azure.defender_undecided(plans)
}

deny contains msg if {
	not good
	not undetermined
	msg := "no threat detection: no enabled security alert policy and no Standard SqlServers Defender plan"
}

unknown contains msg if {
	not good
	undetermined
	msg := "whether threat detection covers the server is not known statically (no Defender plan is declared here, or a setting is unknown)"
}
