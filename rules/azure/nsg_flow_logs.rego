# METADATA
# title: Network security groups have flow logs kept at least 90 days
# description: >-
#   Flow logs record the traffic each network security group allowed and
#   denied: the network record an investigation starts from, and the
#   evidence that segmentation works. They are only useful if kept: this
#   rule asks for an enabled azurerm_network_watcher_flow_log on the group
#   whose retention is at least 90 days (0, or retention turned off, keeps
#   them indefinitely). Azure is moving to virtual network flow logs; a flow
#   log whose target_resource_id names the group counts too.
# custom:
#   id: azure-nsg-flow-logs
#   severity: medium
#   resource_types: [azurerm_network_security_group]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.5.1]
#   remediation: >-
#     Add an azurerm_network_watcher_flow_log with network_security_group_id
#     (or target_resource_id) = this group's id, enabled = true and
#     retention_policy { enabled = true, days = 90 }, sent to a storage account.
package attest.rules.azure.nsg_flow_logs

import data.attest.lib

flow_log := "azurerm_network_watcher_flow_log"

paths := ["network_security_group_id", "target_resource_id"]

logs contains c if {
	some path in paths
	some c in lib.linked(flow_log, path)
}

# kept(c): flow log c is on and keeps its records long enough. Values not
# known statically are absent, so they are checked first: an absent days
# would otherwise read as 0, "indefinitely".
kept(c) if {
	not lib.is_unknown(c, "enabled")
	not lib.is_unknown(c, "retention_policy")
	lib.get(c, "enabled", true) != false
	retention_ok(c)
}

retention_ok(c) if lib.get(c, "retention_policy.0.enabled", false) == false

retention_ok(c) if {
	lib.get(c, "retention_policy.0.enabled", false) == true
	days := lib.get(c, "retention_policy.0.days", 0)
	days == 0
}

retention_ok(c) if {
	lib.get(c, "retention_policy.0.enabled", false) == true
	lib.get(c, "retention_policy.0.days", 0) >= 90
}

good if {
	some c in logs
	kept(c)
}

log_unknown if {
	some c in logs
	some path in ["enabled", "retention_policy"]
	lib.is_unknown(c, path)
}

log_unknown if {
	some path in paths
	lib.may_link(flow_log, path)
}

deny contains msg if {
	not good
	not log_unknown
	count(logs) == 0
	msg := "no flow log records this group's traffic"
}

deny contains msg if {
	not good
	not log_unknown
	count(logs) > 0
	msg := "the group's flow logs are disabled or kept less than 90 days"
}

unknown contains msg if {
	not good
	log_unknown
	msg := "whether a flow log records this group, or how long it keeps them, is not known statically"
}
