# METADATA
# title: App Service and Function apps are protected by Defender for App Service
# description: >-
#   Defender for App Service watches requests to the apps and the instances
#   that run them for attacks: scanning for known flaws, dangling DNS, web
#   shells and command and control traffic, and raises alerts when it sees
#   them. The resource is covered when the configuration turns the
#   AppServices plan on for the subscription at the Standard tier. Without
#   it, the rule fails if the configuration manages Defender plans and
#   gives unknown if it manages none, since the plan may be set in another
#   configuration.
# custom:
#   id: azure-defender-for-app-service
#   severity: medium
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   controls:
#     soc2: [CC6.8, CC7.2]
#     pci-dss-4.0: [6.4.1, 11.5.1]
#   remediation: >-
#     Add resource "azurerm_security_center_subscription_pricing" "apps" { tier = "Standard", resource_type = "AppServices" }.
package attest.rules.azure.defender_for_app_service

import data.attest.lib.azure

plans := {"AppServices"}

good if azure.defender_standard(plans)

deny contains msg if {
	not good
	not azure.defender_undecided(plans)
	msg := "no Standard AppServices Defender plan covers it"
}

unknown contains msg if {
	not good
	azure.defender_undecided(plans)
	msg := "whether the AppServices Defender plan is on is not known statically (no Defender plan is declared here, or a plan is unknown)"
}
