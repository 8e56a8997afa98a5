# METADATA
# title: AKS node disks are encrypted with a customer-managed key
# description: >-
#   Node OS and data disks hold container images, logs, secrets mounted as
#   files and ephemeral data. By default they are encrypted with a
#   platform key; disk_encryption_set_id names a disk encryption set whose
#   Key Vault key the organisation controls, rotates and can revoke. It can
#   only be set when the cluster is created.
# custom:
#   id: azure-aks-disk-encryption-set
#   severity: medium
#   resource_types: [azurerm_kubernetes_cluster]
#   controls:
#     soc2: [CC6.1, C1.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: >-
#     Create an azurerm_disk_encryption_set with a Key Vault key and set
#     disk_encryption_set_id = azurerm_disk_encryption_set.aks.id.
package attest.rules.azure.aks_disk_encryption_set

import data.attest.lib.azure

path := "disk_encryption_set_id"

deny contains msg if {
	not azure.present(input.resource, path)
	not azure.undecided(input.resource, path)
	msg := "node disks use platform keys: disk_encryption_set_id is not set"
}

unknown contains msg if {
	azure.undecided(input.resource, path)
	msg := "disk_encryption_set_id is not known statically"
}
