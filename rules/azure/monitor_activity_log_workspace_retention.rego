# METADATA
# title: Workspaces that receive the activity log keep it a year or more
# description: >-
#   A diagnostic setting on the subscription exports its activity log (who
#   created, changed or deleted which resource) to a Log Analytics
#   workspace, which keeps data for its retention_in_days: 30 unless set.
#   PCI DSS asks for a year of audit history. This rule judges every
#   workspace that a subscription-level diagnostic setting (a target of
#   /subscriptions/<id> or an azurerm_subscription) sends logs to, and asks
#   for retention_in_days of 365 or more. Other workspaces pass.
# custom:
#   id: azure-monitor-activity-log-retention
#   severity: medium
#   resource_types: [azurerm_log_analytics_workspace]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.5.1, 10.3.3]
#   remediation: Set retention_in_days = 365 (or more) on the azurerm_log_analytics_workspace that receives the activity log.
package attest.rules.azure.monitor_activity_log_retention

import data.attest.lib
import data.attest.lib.azure

settings := lib.linked(azure.diagnostic_setting, "log_analytics_workspace_id")

activity_log if {
	some s in settings
	azure.subscription_scope(s, "target_resource_id")
}

# A setting whose target is not known statically and refers to nothing
# might be the subscription's.
maybe_activity_log if {
	some s in settings
	azure.undecided(s, "target_resource_id")
}

maybe_activity_log if lib.may_link(azure.diagnostic_setting, "log_analytics_workspace_id")

days := lib.get(input.resource, "retention_in_days", 30)

deny contains msg if {
	activity_log
	not lib.is_unknown(input.resource, "retention_in_days")
	days < 365
	msg := sprintf("the workspace receives the activity log but keeps it %d days", [days])
}

unknown contains msg if {
	activity_log
	lib.is_unknown(input.resource, "retention_in_days")
	msg := "retention_in_days is not known statically"
}

unknown contains msg if {
	not activity_log
	maybe_activity_log
	not lib.is_unknown(input.resource, "retention_in_days")
	days < 365
	msg := "whether this workspace receives the activity log is not known statically"
}
