# METADATA
# title: Storage accounts encrypt data twice, at the service and the infrastructure layer
# description: >-
#   Azure Storage encrypts data at the service layer with AES-256.
#   Infrastructure encryption adds a second, independent layer with a
#   different key and algorithm implementation, so that one broken key or
#   flawed implementation does not expose the data. It can only be chosen
#   when the account is created, and the azurerm provider leaves it off
#   (infrastructure_encryption_enabled defaults to false).
# custom:
#   id: azure-storage-infrastructure-encryption
#   severity: medium
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [CC6.1, C1.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: >-
#     Set infrastructure_encryption_enabled = true on the
#     azurerm_storage_account (this replaces an existing account: migrate the
#     data).
package attest.rules.azure.storage_infrastructure_encryption

import data.attest.lib
import data.attest.lib.azure

names := ["infrastructure_encryption_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v != true
	msg := sprintf("data is encrypted once only: infrastructure_encryption_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
