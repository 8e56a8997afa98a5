# METADATA
# title: App Service and Function apps require client certificates
# description: >-
#   With client certificates required, App Service completes the TLS
#   handshake only for callers that present a certificate, which the app
#   then validates: a caller without one never reaches the code. It suits
#   APIs called by known systems. The provider leaves
#   client_certificate_enabled false; a client_certificate_mode of Optional
#   or OptionalInteractiveUser does not require one either.
# custom:
#   id: azure-appservice-client-certificates
#   severity: low
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.1]
#   remediation: >-
#     Set client_certificate_enabled = true and client_certificate_mode =
#     "Required".
package attest.rules.azure.appservice_client_certificates

import data.attest.lib
import data.attest.lib.azure

names := ["client_certificate_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v != true
	msg := sprintf("callers need no client certificate: client_certificate_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}

# The provider defaults client_certificate_mode to Required.
deny contains msg if {
	azure.pick(input.resource, names, false) == true
	not lib.is_unknown(input.resource, "client_certificate_mode")
	mode := lib.get(input.resource, "client_certificate_mode", "Required")
	mode in {"Optional", "OptionalInteractiveUser"}
	msg := sprintf("client certificates are enabled but not required: client_certificate_mode is %s", [mode])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "client_certificate_mode")
	msg := "client_certificate_mode is not known statically"
}
