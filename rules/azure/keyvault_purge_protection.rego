# METADATA
# title: Key Vaults have purge protection
# description: >-
#   Soft delete keeps a deleted vault or key recoverable for a retention
#   period, but without purge protection anyone with the right permission
#   can purge it at once, destroying the keys and with them every piece of
#   data they encrypt. Purge protection makes the retention period binding,
#   for administrators too.
# custom:
#   id: azure-keyvault-purge-protection
#   severity: medium
#   resource_types: [azurerm_key_vault]
#   controls:
#     soc2: [CC6.1, A1.2]
#     pci-dss-4.0: [3.6.1]
#   remediation: Set purge_protection_enabled = true (and soft_delete_retention_days = 90).
package attest.rules.azure.keyvault_purge_protection

import data.attest.lib

deny contains msg if {
	lib.get(input.resource, "purge_protection_enabled", false) != true
	not lib.is_unknown(input.resource, "purge_protection_enabled")
	msg := "deleted keys can be purged at once: purge_protection_enabled is not true"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "purge_protection_enabled")
	msg := "purge_protection_enabled is not known statically"
}
