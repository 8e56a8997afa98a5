# METADATA
# title: App Service and Function apps have a managed identity
# description: >-
#   An app without a managed identity reaches Key Vault, storage and
#   databases with credentials kept in its settings or code: secrets that
#   leak with a configuration export and are rarely rotated. A system- or
#   user-assigned identity gets Entra ID tokens without any stored secret.
#   The provider creates no identity unless an identity block is written.
# custom:
#   id: azure-appservice-managed-identity
#   severity: medium
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.6.2, 8.6.3]
#   remediation: >-
#     Add identity { type = "SystemAssigned" } and grant it roles instead of
#     storing connection strings.
package attest.rules.azure.appservice_managed_identity

import data.attest.lib
import data.attest.lib.azure

names := ["identity.0.type"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, null)
	v == null
	msg := "the app has no managed identity, so it authenticates with stored secrets"
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
