# METADATA
# title: App Service and Function apps refuse TLS below 1.2
# description: >-
#   TLS 1.0 and 1.1 have known weaknesses and are no longer accepted for
#   protecting payment or personal data. The provider defaults site_config
#   minimum_tls_version to 1.2; this rule fails when a configuration lowers
#   it to 1.0 or 1.1.
# custom:
#   id: azure-appservice-tls12
#   severity: high
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: >-
#     Set site_config { minimum_tls_version = "1.2" } (or "1.3").
package attest.rules.azure.appservice_tls12

import data.attest.lib
import data.attest.lib.azure

names := ["site_config.0.minimum_tls_version"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, "1.2")
	v in {"1.0", "1.1"}
	msg := sprintf("the app accepts TLS %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
