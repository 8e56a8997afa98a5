# METADATA
# title: Changes to network security groups and policy assignments raise alerts
# description: >-
#   Opening a network security group or deleting a policy assignment is how
#   an attacker, or a hurried engineer, removes a control; an activity log
#   alert on those operations tells the security team at once. A network
#   security group (or rule) passes when an enabled
#   azurerm_monitor_activity_log_alert in the configuration watches both
#   the write and the delete operation of its kind
#   (Microsoft.Network/networkSecurityGroups/write and /delete, or the
#   securityRules ones), scoped to the subscription or to the resource; a
#   policy assignment passes when alerts watch
#   Microsoft.Authorization/policyAssignments/write and /delete.
# custom:
#   id: azure-monitor-change-alerts
#   severity: medium
#   resource_types: [azurerm_network_security_group, azurerm_network_security_rule, azurerm_subscription_policy_assignment, azurerm_resource_group_policy_assignment]
#   controls:
#     soc2: [CC3.4, CC7.2, CC7.3, CC8.1]
#     pci-dss-4.0: [1.2.2, 10.4.1.1, 10.7.1, 10.7.2, 11.5.2]
#   remediation: >-
#     Add resource "azurerm_monitor_activity_log_alert" { scopes = [data.azurerm_subscription.current.id],
#     criteria { category = "Administrative", operation_name = "Microsoft.Network/networkSecurityGroups/write" },
#     action { action_group_id = ... } } and one for the delete operation.
package attest.rules.azure.monitor_change_alerts

import data.attest.lib
import data.attest.lib.azure

alert := "azurerm_monitor_activity_log_alert"

operations := {
	"azurerm_network_security_group": {"microsoft.network/networksecuritygroups/write", "microsoft.network/networksecuritygroups/delete"},
	"azurerm_network_security_rule": {"microsoft.network/networksecuritygroups/securityrules/write", "microsoft.network/networksecuritygroups/securityrules/delete"},
	"azurerm_subscription_policy_assignment": {"microsoft.authorization/policyassignments/write", "microsoft.authorization/policyassignments/delete"},
	"azurerm_resource_group_policy_assignment": {"microsoft.authorization/policyassignments/write", "microsoft.authorization/policyassignments/delete"},
}

wanted := operations[input.resource.type]

# covers(a): the alert's scopes include this resource.
covers(a) if azure.subscription_scope(a, "scopes")

covers(a) if input.resource.address in object.get(a, ["refs", "scopes"], [])

active(a) if lib.get(a, "enabled", true) != false

watched contains op if {
	some a in lib.resources(alert)
	active(a)
	covers(a)
	op := lower(lib.get(a, "criteria.0.operation_name", ""))
}

missing := wanted - watched

undetermined if {
	some a in lib.resources(alert)
	some path in ["enabled", "criteria"]
	lib.is_unknown(a, path)
}

undetermined if {
	some a in lib.resources(alert)
	lower(lib.get(a, "criteria.0.operation_name", "")) in wanted
	not covers(a)
	lib.is_unknown(a, "scopes")
}

deny contains msg if {
	count(missing) > 0
	not undetermined
	msg := sprintf("no activity log alert watches %s", [concat(", ", sort(missing))])
}

unknown contains msg if {
	count(missing) > 0
	undetermined
	msg := "an activity log alert's operation, scope or state is not known statically"
}
