# METADATA
# title: Keys that encrypt data services are HSM-backed
# description: >-
#   A software-protected Key Vault key can be used only through Key Vault,
#   but its material lives in software; an HSM-backed key (RSA-HSM or
#   EC-HSM, in a Premium vault) never leaves FIPS 140 validated hardware.
#   This rule treats as critical every key that a data service in the same
#   configuration uses for encryption at rest (storage accounts, disk
#   encryption sets, SQL transparent data encryption, Cosmos DB, PostgreSQL
#   and MySQL flexible servers, AKS etcd encryption, container registries)
#   and asks for an HSM key type. Keys used for nothing found here pass.
# custom:
#   id: azure-keyvault-critical-keys-hsm
#   severity: medium
#   resource_types: [azurerm_key_vault_key]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1, 3.6.1.2, 3.7.1, 3.7.3]
#   remediation: Set key_type = "RSA-HSM" (or "EC-HSM") in a vault with sku_name = "premium"; changing the type creates a new key, so re-encrypt with it.
package attest.rules.azure.keyvault_critical_keys_hsm

import data.attest.lib

# The attributes through which data services name their encryption key.
consumers := {
	"azurerm_storage_account": ["customer_managed_key.0.key_vault_key_id"],
	"azurerm_storage_account_customer_managed_key": ["key_vault_key_id", "key_name"],
	"azurerm_disk_encryption_set": ["key_vault_key_id"],
	"azurerm_mssql_server_transparent_data_encryption": ["key_vault_key_id"],
	"azurerm_cosmosdb_account": ["key_vault_key_id"],
	"azurerm_postgresql_flexible_server": ["customer_managed_key.0.key_vault_key_id"],
	"azurerm_mysql_flexible_server": ["customer_managed_key.0.key_vault_key_id"],
	"azurerm_kubernetes_cluster": ["key_management_service.0.key_vault_key_id"],
	"azurerm_container_registry": ["encryption.0.key_vault_key_id"],
}

users contains sprintf("%s %s", [c.type, c.address]) if {
	some t, paths in consumers
	some path in paths
	some c in lib.linked(t, path)
}

hsm_types := {"RSA-HSM", "EC-HSM"}

deny contains msg if {
	count(users) > 0
	not lib.is_unknown(input.resource, "key_type")
	kt := lib.get(input.resource, "key_type", "")
	not kt in hsm_types
	msg := sprintf("key type %s is software-protected but encrypts %s", [kt, concat(", ", sort(users))])
}

unknown contains msg if {
	count(users) > 0
	lib.is_unknown(input.resource, "key_type")
	msg := "key_type is not known statically"
}
