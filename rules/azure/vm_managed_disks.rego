# METADATA
# title: Virtual machines use managed disks
# description: >-
#   The legacy azurerm_virtual_machine can keep its disks as VHD blobs in a
#   storage account the team manages (vhd_uri): they are reachable with the
#   account's keys or a SAS token, miss managed-disk encryption with disk
#   encryption sets, and are lost with the account. Managed disks are
#   separate resources with role-based access, encryption options and
#   snapshots. azurerm_linux_virtual_machine and
#   azurerm_windows_virtual_machine always use managed disks.
# custom:
#   id: azure-vm-managed-disks
#   severity: medium
#   resource_types: [azurerm_virtual_machine]
#   controls:
#     soc2: [CC6.1, A1.2]
#     pci-dss-4.0: [3.5.1, 7.2.1]
#   remediation: >-
#     Replace vhd_uri with managed_disk_type = "Premium_LRS" in storage_os_disk and
#     storage_data_disk (better: move to azurerm_linux_virtual_machine or azurerm_windows_virtual_machine).
package attest.rules.azure.vm_managed_disks

import data.attest.lib
import data.attest.lib.azure

disks contains [sprintf("%s.%d", [block, i]), d] if {
	some block in ["storage_os_disk", "storage_data_disk"]
	some i, d in lib.get(input.resource, block, [])
}

deny contains msg if {
	some [path, _] in disks
	azure.present(input.resource, concat(".", [path, "vhd_uri"]))
	msg := sprintf("%s is an unmanaged VHD blob (vhd_uri is set)", [path])
}

unknown contains msg if {
	count(deny) == 0
	some block in ["storage_os_disk", "storage_data_disk"]
	block in object.get(input.resource, "unknown", [])
	msg := sprintf("%s is not known statically", [block])
}

unknown contains msg if {
	count(deny) == 0
	some [path, _] in disks
	azure.undecided(input.resource, concat(".", [path, "vhd_uri"]))
	msg := sprintf("%s.vhd_uri is not known statically", [path])
}
