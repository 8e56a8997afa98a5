# METADATA
# title: Container registries are not open to the whole internet
# description: >-
#   A registry with public network access and no network rule set lets
#   anyone on the internet try its credentials and pull whatever a leaked
#   token allows. It passes with public_network_access_enabled = false
#   (private endpoints only) or, on the Premium tier, a network_rule_set
#   whose default_action is Deny. The azurerm provider enables public
#   access by default.
# custom:
#   id: azure-acr-no-public-network-access
#   severity: medium
#   resource_types: [azurerm_container_registry]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.2]
#   remediation: >-
#     Set public_network_access_enabled = false and add an azurerm_private_endpoint, or
#     network_rule_set { default_action = "Deny", ip_rule { action = "Allow", ip_range = "203.0.113.0/24" } }.
package attest.rules.azure.acr_no_public_network_access

import data.attest.lib

closed if lib.get(input.resource, "public_network_access_enabled", true) == false

closed if lib.get(input.resource, "network_rule_set.0.default_action", "Allow") == "Deny"

undetermined if lib.is_unknown(input.resource, "public_network_access_enabled")

undetermined if lib.is_unknown(input.resource, "network_rule_set")

deny contains msg if {
	not closed
	not undetermined
	msg := "the registry accepts connections from any address: public network access is on and no rule set denies by default"
}

unknown contains msg if {
	not closed
	undetermined
	msg := "the registry's public network access or network rule set is not known statically"
}
