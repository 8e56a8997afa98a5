# METADATA
# title: Linux virtual machines accept SSH keys only
# description: >-
#   Password sign-in over SSH invites brute-force and password-spraying
#   attempts, and passwords are reused and shared in a way keys are not. The
#   azurerm provider turns password authentication off by default
#   (disable_password_authentication = true); this rule fails when a
#   configuration turns it back on.
# custom:
#   id: azure-vm-linux-no-password-auth
#   severity: high
#   resource_types: [azurerm_linux_virtual_machine, azurerm_linux_virtual_machine_scale_set]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [2.2.6, 8.3.1]
#   remediation: >-
#     Remove disable_password_authentication = false and add admin_ssh_key {
#     username = "azureuser", public_key = ... }.
package attest.rules.azure.vm_linux_no_password_auth

import data.attest.lib
import data.attest.lib.azure

names := ["disable_password_authentication"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, true)
	v == false
	msg := sprintf("SSH accepts passwords: disable_password_authentication is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
