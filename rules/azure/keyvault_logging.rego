# METADATA
# title: Key Vaults send their audit events to a log destination
# description: >-
#   Every read of a secret, use of a key and change of an access policy is
#   an AuditEvent in the vault's resource log, but Azure keeps none of it
#   unless a diagnostic setting sends the AuditEvent category (or the audit
#   or allLogs category group) to a Log Analytics workspace, storage
#   account or event hub. Without it, nobody can tell who used which key.
# custom:
#   id: azure-keyvault-audit-logging
#   severity: medium
#   resource_types: [azurerm_key_vault]
#   controls:
#     soc2: [CC7.2, CC7.3]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.2, 10.2.1.4, 10.2.1.5, 10.2.2, 10.3.3]
#   remediation: >-
#     Add resource "azurerm_monitor_diagnostic_setting" { target_resource_id =
#     azurerm_key_vault.this.id, log_analytics_workspace_id = ..., enabled_log { category_group = "audit" } }.
package attest.rules.azure.keyvault_audit_logging

import data.attest.lib
import data.attest.lib.azure

audit := {"AuditEvent", "audit", "allLogs"}

logged if {
	some s in azure.diagnostic_settings
	count(azure.logged_categories(s) & audit) > 0
}

undetermined if lib.may_link(azure.diagnostic_setting, "target_resource_id")

undetermined if {
	some s in azure.diagnostic_settings
	some path in ["enabled_log", "log"]
	lib.is_unknown(s, path)
}

deny contains msg if {
	not logged
	not undetermined
	msg := "the vault's audit events are kept nowhere: no diagnostic setting sends AuditEvent"
}

unknown contains msg if {
	not logged
	undetermined
	msg := "whether a diagnostic setting sends the vault's audit events is not known statically"
}
