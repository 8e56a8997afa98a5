# METADATA
# title: Storage accounts keep deleted containers recoverable (container soft delete)
# description: >-
#   Deleting a container deletes every blob in it in one call; blob soft
#   delete does not bring them back. With a blob_properties
#   container_delete_retention_policy the account keeps deleted containers,
#   and their blobs, for its days (1 to 365, 7 when not given). The azurerm
#   provider sets no policy unless the block is written. FileStorage
#   accounts, which hold no blobs, are not judged.
# custom:
#   id: azure-storage-container-soft-delete
#   severity: medium
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [A1.2, CC7.5, PI1.5]
#   remediation: >-
#     Add blob_properties { container_delete_retention_policy { days = 30 } } to the azurerm_storage_account.
package attest.rules.azure.storage_container_soft_delete

import data.attest.lib

path := "blob_properties.0.container_delete_retention_policy"

# Accounts of kind FileStorage hold file shares only.
judged if lib.get(input.resource, "account_kind", "StorageV2") != "FileStorage"

undetermined if lib.is_unknown(input.resource, "account_kind")

undetermined if lib.is_unknown(input.resource, path)

deny contains msg if {
	judged
	not undetermined
	count(lib.get(input.resource, path, [])) == 0
	msg := "deleted containers cannot be recovered: blob_properties has no container_delete_retention_policy"
}

unknown contains msg if {
	undetermined
	msg := "the account kind or container_delete_retention_policy is not known statically"
}
