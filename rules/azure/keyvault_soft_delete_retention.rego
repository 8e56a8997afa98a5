# METADATA
# title: Key Vaults keep deleted keys and secrets for 90 days
# description: >-
#   Soft delete is always on for Key Vaults; its retention decides how long
#   a deleted vault, key or secret can still be recovered after an accident
#   or a malicious delete. This rule asks for the full 90 days, the
#   provider's default, and fails when soft_delete_retention_days is set
#   lower (7 at least).
# custom:
#   id: azure-keyvault-soft-delete-retention
#   severity: low
#   resource_types: [azurerm_key_vault]
#   controls:
#     soc2: [A1.2, CC6.1]
#     pci-dss-4.0: [3.6.1]
#   remediation: >-
#     Remove soft_delete_retention_days or set it to 90 (with
#     purge_protection_enabled = true).
package attest.rules.azure.keyvault_soft_delete_retention

import data.attest.lib
import data.attest.lib.azure

names := ["soft_delete_retention_days"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, 90)
	v < 90
	msg := sprintf("deleted keys and secrets are recoverable for %v days only", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
