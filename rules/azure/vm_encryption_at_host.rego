# METADATA
# title: Virtual machines encrypt temporary disks and caches at the host
# description: >-
#   Server-side encryption protects managed disks at rest, but a VM's
#   temporary disk and its OS and data disk caches live on the host,
#   unencrypted. Encryption at host encrypts them too, before the data
#   leaves the host. The provider leaves encryption_at_host_enabled false
#   (the subscription needs the EncryptionAtHost feature registered).
# custom:
#   id: azure-vm-encryption-at-host
#   severity: medium
#   resource_types: [azurerm_linux_virtual_machine, azurerm_windows_virtual_machine, azurerm_linux_virtual_machine_scale_set, azurerm_windows_virtual_machine_scale_set]
#   controls:
#     soc2: [CC6.1, C1.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: >-
#     Set encryption_at_host_enabled = true (after az feature register
#     --namespace Microsoft.Compute --name EncryptionAtHost).
package attest.rules.azure.vm_encryption_at_host

import data.attest.lib
import data.attest.lib.azure

names := ["encryption_at_host_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v != true
	msg := sprintf("temporary disks and disk caches are not encrypted: encryption_at_host_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
