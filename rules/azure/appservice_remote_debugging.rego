# METADATA
# title: App Service and Function apps have remote debugging off
# description: >-
#   Remote debugging opens extra ports on the app's workers and lets a
#   debugger attach to the running process, read its memory and change its
#   state. It is meant for a debugging session, never for a deployed
#   configuration. The provider leaves site_config remote_debugging_enabled
#   false; this rule fails when it is set to true.
# custom:
#   id: azure-appservice-remote-debugging-disabled
#   severity: medium
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.4, 2.2.5]
#   remediation: >-
#     Remove remote_debugging_enabled = true from site_config.
package attest.rules.azure.appservice_remote_debugging_disabled

import data.attest.lib
import data.attest.lib.azure

names := ["site_config.0.remote_debugging_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v == true
	msg := sprintf("a debugger can attach to the running app: remote_debugging_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
