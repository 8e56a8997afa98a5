# METADATA
# title: App Service and Function apps redirect HTTP to HTTPS
# description: >-
#   An app that answers plain HTTP lets session cookies, tokens and form
#   data cross the network readable by anyone on the path. With https_only,
#   App Service redirects every HTTP request to HTTPS. The azurerm provider
#   leaves https_only false.
# custom:
#   id: azure-appservice-https-only
#   severity: high
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   controls:
#     soc2: [CC6.1, CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: >-
#     Set https_only = true on the app.
package attest.rules.azure.appservice_https_only

import data.attest.lib
import data.attest.lib.azure

names := ["https_only"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v != true
	msg := sprintf("the app answers plain HTTP: https_only is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
