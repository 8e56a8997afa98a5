# METADATA
# title: Activity log profiles keep every administrative event a year or more
# description: >-
#   The subscription's activity log records who created, changed or
#   deleted which resource, and Azure keeps it only 90 days. A log profile
#   (the older way to export it; diagnostic settings on the subscription
#   are the newer one) must cover the Write, Delete and Action categories
#   and keep what it exports at least 365 days: retention_policy disabled
#   or with days = 0 means for ever.
# custom:
#   id: azure-monitor-log-profile-retention
#   severity: medium
#   resource_types: [azurerm_monitor_log_profile]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.2, 10.2.1.7, 10.5.1]
#   remediation: >-
#     Set categories = ["Action", "Delete", "Write"] and
#     retention_policy { enabled = true, days = 365 } on the azurerm_monitor_log_profile.
package attest.rules.azure.monitor_log_profile_retention

import data.attest.lib

kept if lib.get(input.resource, "retention_policy.0.enabled", false) == false

kept if lib.get(input.resource, "retention_policy.0.days", 0) == 0

kept if lib.get(input.resource, "retention_policy.0.days", 0) >= 365

deny contains msg if {
	not kept
	not lib.is_unknown(input.resource, "retention_policy")
	msg := sprintf("activity log events are kept %d days, less than 365", [lib.get(input.resource, "retention_policy.0.days", 0)])
}

deny contains msg if {
	not lib.is_unknown(input.resource, "categories")
	missing := {"Write", "Delete", "Action"} - {c | some c in lib.get(input.resource, "categories", [])}
	count(missing) > 0
	msg := sprintf("the profile does not export the categories %s", [concat(", ", sort(missing))])
}

unknown contains msg if {
	some path in ["retention_policy", "categories"]
	lib.is_unknown(input.resource, path)
	msg := sprintf("%s is not known statically", [path])
}
