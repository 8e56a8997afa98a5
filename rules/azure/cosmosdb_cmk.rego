# METADATA
# title: Cosmos DB accounts encrypt data with a customer-managed key
# description: >-
#   Cosmos DB encrypts data with service-managed keys by default. A
#   customer-managed key from Key Vault (key_vault_key_id) lets the
#   organisation rotate it on its own schedule, see every use in the vault's
#   audit log and revoke it to make the data unreadable. It can only be set
#   when the account is created.
# custom:
#   id: azure-cosmosdb-customer-managed-key
#   severity: medium
#   resource_types: [azurerm_cosmosdb_account]
#   controls:
#     soc2: [CC6.1, C1.1]
#     pci-dss-4.0: [3.5.1, 3.6.1, 3.7.4]
#   remediation: Set key_vault_key_id = azurerm_key_vault_key.cosmos.versionless_id (with an identity that can use the key); this recreates the account.
package attest.rules.azure.cosmosdb_customer_managed_key

import data.attest.lib.azure

path := "key_vault_key_id"

deny contains msg if {
	not azure.present(input.resource, path)
	not azure.undecided(input.resource, path)
	msg := "data is encrypted with service-managed keys only: key_vault_key_id is not set"
}

unknown contains msg if {
	azure.undecided(input.resource, path)
	msg := "key_vault_key_id is not known statically"
}
