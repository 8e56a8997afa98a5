# METADATA
# title: Storage accounts do not let containers be made public
# description: >-
#   While allow_nested_items_to_be_public is true, any container of the
#   account can be switched to anonymous read access, one click or one line
#   away from publishing its blobs. The azurerm provider defaults it to true
#   (Azure itself now defaults to false), so it must be set to false
#   explicitly.
# custom:
#   id: azure-storage-no-public-blob-access
#   severity: high
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.4.4, 7.2.1]
#   remediation: Set allow_nested_items_to_be_public = false on the azurerm_storage_account.
package attest.rules.azure.storage_no_public_blob_access

import data.attest.lib

path := "allow_nested_items_to_be_public"

deny contains msg if {
	lib.get(input.resource, path, true) != false
	not lib.is_unknown(input.resource, path)
	msg := "containers may be made public: allow_nested_items_to_be_public is not false"
}

unknown contains msg if {
	lib.is_unknown(input.resource, path)
	msg := "allow_nested_items_to_be_public is not known statically"
}
