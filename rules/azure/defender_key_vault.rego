# METADATA
# title: Key Vaults are protected by Defender for Key Vault
# description: >-
#   Defender for Key Vault alerts on unusual access to vaults: reads of
#   many secrets at once, access from Tor exit nodes or unfamiliar places,
#   and identities that never used the vault before. The resource is
#   covered when the configuration turns the KeyVaults plan on for the
#   subscription at the Standard tier. Without it, the rule fails if the
#   configuration manages Defender plans and gives unknown if it manages
#   none, since the plan may be set in another configuration.
# custom:
#   id: azure-defender-for-key-vault
#   severity: medium
#   resource_types: [azurerm_key_vault]
#   controls:
#     soc2: [CC6.8, CC7.2]
#     pci-dss-4.0: [10.4.1.1, 11.5.1]
#   remediation: >-
#     Add resource "azurerm_security_center_subscription_pricing" "vaults" { tier = "Standard", resource_type = "KeyVaults" }.
package attest.rules.azure.defender_for_key_vault

import data.attest.lib.azure

plans := {"KeyVaults"}

good if azure.defender_standard(plans)

deny contains msg if {
	not good
	not azure.defender_undecided(plans)
	msg := "no Standard KeyVaults Defender plan covers it"
}

unknown contains msg if {
	not good
	azure.defender_undecided(plans)
	msg := "whether the KeyVaults Defender plan is on is not known statically (no Defender plan is declared here, or a plan is unknown)"
}
