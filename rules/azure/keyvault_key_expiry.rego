# METADATA
# title: Key Vault keys have an expiry date
# description: >-
#   A key without an expiry date stays usable for ever, past any
#   cryptoperiod the key management policy sets, and nothing forces its
#   replacement. A key passes with an expiration_date, or with a
#   rotation_policy whose expire_after gives each version a lifetime.
# custom:
#   id: azure-keyvault-key-expiry
#   severity: medium
#   resource_types: [azurerm_key_vault_key]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1, 3.7.4, 3.7.5]
#   remediation: >-
#     Add rotation_policy { expire_after = "P1Y", automatic { time_before_expiry = "P30D" } }
#     (or expiration_date = "2027-12-31T00:00:00Z").
package attest.rules.azure.keyvault_key_expiry

import data.attest.lib
import data.attest.lib.azure

expires if azure.present(input.resource, "expiration_date")

expires if azure.present(input.resource, "rotation_policy.0.expire_after")

undetermined if azure.undecided(input.resource, "expiration_date")

undetermined if lib.is_unknown(input.resource, "rotation_policy")

deny contains msg if {
	not expires
	not undetermined
	msg := "the key never expires: no expiration_date and no rotation_policy expire_after"
}

unknown contains msg if {
	not expires
	undetermined
	msg := "the key's expiration date or rotation policy is not known statically"
}
