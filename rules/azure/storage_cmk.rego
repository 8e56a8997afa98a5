# METADATA
# title: Storage accounts encrypt data with a customer-managed key
# description: >-
#   By default Azure Storage encrypts with keys Microsoft holds and rotates.
#   A customer-managed key in Key Vault puts the key's lifecycle in the
#   organisation's hands: its own rotation period, access policy, audit log,
#   and the ability to revoke it and make the data unreadable at once. The
#   key is set in the account's customer_managed_key block or by a separate
#   azurerm_storage_account_customer_managed_key.
# custom:
#   id: azure-storage-customer-managed-key
#   severity: medium
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [CC6.1, C1.1]
#     pci-dss-4.0: [3.5.1, 3.6.1, 3.7.4]
#   remediation: >-
#     Add resource "azurerm_storage_account_customer_managed_key" { storage_account_id =
#     azurerm_storage_account.this.id, key_vault_id = ..., key_name = ... } (or a
#     customer_managed_key { key_vault_key_id = ..., user_assigned_identity_id = ... } block).
package attest.rules.azure.storage_customer_managed_key

import data.attest.lib

separate := "azurerm_storage_account_customer_managed_key"

inline_key if lib.get(input.resource, "customer_managed_key.0.key_vault_key_id", "") != ""

inline_key if lib.get(input.resource, "customer_managed_key.0.managed_hsm_key_id", "") != ""

inline_key if count(object.get(input.resource, ["refs", "customer_managed_key.0.key_vault_key_id"], [])) > 0

inline_key if count(object.get(input.resource, ["refs", "customer_managed_key.0.managed_hsm_key_id"], [])) > 0

has_key if inline_key

has_key if count(lib.linked(separate, "storage_account_id")) > 0

undetermined if lib.is_unknown(input.resource, "customer_managed_key")

undetermined if lib.may_link(separate, "storage_account_id")

deny contains msg if {
	not has_key
	not undetermined
	msg := "data is encrypted with Microsoft-managed keys only: no customer-managed key is set"
}

unknown contains msg if {
	not has_key
	undetermined
	msg := "whether a customer-managed key is set is not known statically"
}
