# METADATA
# title: Storage accounts deny network access by default
# description: >-
#   A storage account's firewall allows every network unless its default
#   action is Deny; with Deny, only the listed virtual network subnets,
#   addresses and trusted Azure services (bypass) reach it. Checked on the
#   account's network_rules block and on a separate
#   azurerm_storage_account_network_rules for the account.
# custom:
#   id: azure-storage-network-default-deny
#   severity: medium
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.2]
#   remediation: Add network_rules { default_action = "Deny", bypass = ["AzureServices"], virtual_network_subnet_ids = [...] }.
package attest.rules.azure.storage_network_default_deny

import data.attest.lib

separate := "azurerm_storage_account_network_rules"

denies if lib.get(input.resource, "network_rules.0.default_action", "Allow") == "Deny"

denies if {
	some c in lib.linked(separate, "storage_account_id")
	lib.get(c, "default_action", "") == "Deny"
}

undetermined if lib.is_unknown(input.resource, "network_rules")

undetermined if lib.may_link(separate, "storage_account_id")

undetermined if {
	some c in lib.linked(separate, "storage_account_id")
	lib.is_unknown(c, "default_action")
}

deny contains msg if {
	not denies
	not undetermined
	msg := "every network may reach the account: the network rules' default_action is not Deny"
}

unknown contains msg if {
	not denies
	undetermined
	msg := "the account's network rules are not known statically"
}
