# METADATA
# title: Key Vault secrets have an expiry date
# description: >-
#   A secret without an expiry date (a password, a connection string, an
#   API key) is never flagged for rotation and can stay valid long after the
#   people who knew it have left. An expiration_date makes Key Vault refuse
#   the secret once it passes and lets Event Grid warn before it does.
# custom:
#   id: azure-keyvault-secret-expiry
#   severity: medium
#   resource_types: [azurerm_key_vault_secret]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.9, 8.6.3]
#   remediation: Set expiration_date = "2027-06-30T00:00:00Z" (for example from timeadd(plantimestamp(), "4320h")) and rotate before it.
package attest.rules.azure.keyvault_secret_expiry

import data.attest.lib.azure

deny contains msg if {
	not azure.present(input.resource, "expiration_date")
	not azure.undecided(input.resource, "expiration_date")
	msg := "the secret never expires: expiration_date is not set"
}

unknown contains msg if {
	azure.undecided(input.resource, "expiration_date")
	msg := "expiration_date is not known statically"
}
