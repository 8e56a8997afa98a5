# METADATA
# title: App Service and Function apps do not accept plain FTP
# description: >-
#   With ftps_state AllAllowed an app's deployment endpoint accepts plain
#   FTP, which sends the publishing credentials and the code in clear text.
#   The provider defaults site_config ftps_state to Disabled; FtpsOnly keeps
#   the channel encrypted. This rule fails on AllAllowed.
# custom:
#   id: azure-appservice-ftp-disabled
#   severity: high
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   controls:
#     soc2: [CC6.1, CC6.7]
#     pci-dss-4.0: [2.2.5, 2.2.7, 4.2.1, 8.3.2]
#   remediation: >-
#     Set site_config { ftps_state = "Disabled" } (or "FtpsOnly" if FTP
#     deployment is needed) and deploy with zip deploy or a pipeline.
package attest.rules.azure.appservice_ftp_disabled

import data.attest.lib
import data.attest.lib.azure

names := ["site_config.0.ftps_state"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, "Disabled")
	v == "AllAllowed"
	msg := sprintf("publishing credentials travel in clear: ftps_state is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
