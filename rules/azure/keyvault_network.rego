# METADATA
# title: Key Vaults deny network access by default
# description: >-
#   A vault without network ACLs, or with default_action Allow, answers
#   every address on the internet; only Entra ID sign-in stands between an
#   attacker with a stolen token and the keys. With default_action Deny only
#   the listed subnets and addresses (and trusted Azure services, if bypass
#   allows them) reach it, and with public_network_access_enabled = false
#   only private endpoints do.
# custom:
#   id: azure-keyvault-network-default-deny
#   severity: medium
#   resource_types: [azurerm_key_vault]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.2, 3.6.1]
#   remediation: >-
#     Add network_acls { default_action = "Deny", bypass = "AzureServices",
#     virtual_network_subnet_ids = [...] } or set public_network_access_enabled = false.
package attest.rules.azure.keyvault_network_default_deny

import data.attest.lib

closed if lib.get(input.resource, "network_acls.0.default_action", "Allow") == "Deny"

closed if lib.get(input.resource, "public_network_access_enabled", true) == false

undetermined if lib.is_unknown(input.resource, "network_acls")

undetermined if lib.is_unknown(input.resource, "public_network_access_enabled")

deny contains msg if {
	not closed
	not undetermined
	msg := "every network may reach the vault: network_acls default_action is not Deny and public network access is on"
}

unknown contains msg if {
	not closed
	undetermined
	msg := "the vault's network ACLs or public network access are not known statically"
}
