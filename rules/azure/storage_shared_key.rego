# METADATA
# title: Storage accounts refuse shared key authorisation
# description: >-
#   The two account keys of a storage account grant full access to all its
#   data, are shared by everyone who holds them, never expire by themselves
#   and leave no trace of who used them. With shared key access off, every
#   request must carry an Entra ID token (or a user delegation SAS) tied to
#   an identity and its role assignments. The azurerm provider allows shared
#   keys unless shared_access_key_enabled is false.
# custom:
#   id: azure-storage-shared-key-disabled
#   severity: medium
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [CC6.1, CC6.2, CC6.3]
#     pci-dss-4.0: [7.2.1, 7.2.2, 7.3.1, 7.3.3, 8.2.1, 8.2.2, 8.6.3]
#   remediation: >-
#     Set shared_access_key_enabled = false (and storage_use_azuread = true in
#     the provider block so Terraform itself uses Entra ID).
package attest.rules.azure.storage_shared_key_disabled

import data.attest.lib
import data.attest.lib.azure

names := ["shared_access_key_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, true)
	v != false
	msg := sprintf("anyone holding an account key has full access: shared_access_key_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
