# METADATA
# title: App Service and Function apps serve HTTP/2
# description: >-
#   HTTP/2 is the current HTTP version App Service offers: it needs TLS with
#   modern cipher suites in practice and removes some request-smuggling and
#   head-of-line issues of HTTP/1.1. The provider leaves site_config
#   http2_enabled false, so it must be turned on.
# custom:
#   id: azure-appservice-http2
#   severity: low
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   controls:
#     soc2: [CC7.1]
#     pci-dss-4.0: [2.2.1]
#   remediation: >-
#     Set site_config { http2_enabled = true }.
package attest.rules.azure.appservice_http2

import data.attest.lib
import data.attest.lib.azure

names := ["site_config.0.http2_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v != true
	msg := sprintf("the app serves HTTP/1.1 only: http2_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
