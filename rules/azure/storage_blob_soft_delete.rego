# METADATA
# title: Storage accounts keep deleted blobs recoverable (blob soft delete)
# description: >-
#   Without blob soft delete, a blob deleted or overwritten by mistake, by
#   a faulty job or by ransomware that has the account's credentials is
#   gone at once. With a blob_properties delete_retention_policy the
#   account keeps deleted blobs and overwritten versions for its days (1 to
#   365, 7 when not given). The azurerm provider sets no policy unless the
#   block is written. FileStorage accounts, which hold no blobs, are not
#   judged.
# custom:
#   id: azure-storage-blob-soft-delete
#   severity: medium
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [A1.2, CC7.5, PI1.5]
#   remediation: >-
#     Add blob_properties { delete_retention_policy { days = 30 } } to the azurerm_storage_account.
package attest.rules.azure.storage_blob_soft_delete

import data.attest.lib

path := "blob_properties.0.delete_retention_policy"

# Accounts of kind FileStorage hold file shares only.
judged if lib.get(input.resource, "account_kind", "StorageV2") != "FileStorage"

undetermined if lib.is_unknown(input.resource, "account_kind")

undetermined if lib.is_unknown(input.resource, path)

deny contains msg if {
	judged
	not undetermined
	count(lib.get(input.resource, path, [])) == 0
	msg := "deleted or overwritten blobs cannot be recovered: blob_properties has no delete_retention_policy"
}

unknown contains msg if {
	undetermined
	msg := "the account kind or delete_retention_policy is not known statically"
}
