# METADATA
# title: App Service and Function apps sign callers in with App Service authentication
# description: >-
#   App Service authentication (Easy Auth) checks every request against an
#   identity provider (Entra ID, say) before it reaches the code, so a
#   forgotten route or an admin page is not open to anonymous callers. It
#   is on when auth_settings_v2 has auth_enabled = true, or the older
#   auth_settings block has enabled = true. The provider leaves it off.
#   Apps that authenticate in their own code fail this rule and need an
#   exception recorded.
# custom:
#   id: azure-appservice-authentication
#   severity: medium
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [7.3.1, 8.3.1]
#   remediation: >-
#     Add auth_settings_v2 { auth_enabled = true, require_authentication = true,
#     unauthenticated_action = "RedirectToLoginPage", active_directory_v2 { ... }, login { } }.
package attest.rules.azure.appservice_authentication

import data.attest.lib

paths := ["auth_settings_v2.0.auth_enabled", "auth_settings.0.enabled"]

on if {
	some p in paths
	lib.get(input.resource, p, false) == true
}

undetermined if {
	some p in paths
	lib.is_unknown(input.resource, p)
}

deny contains msg if {
	not on
	not undetermined
	msg := "requests reach the app without authentication: neither auth_settings_v2.auth_enabled nor auth_settings.enabled is true"
}

unknown contains msg if {
	not on
	undetermined
	msg := "the app's authentication settings are not known statically"
}
