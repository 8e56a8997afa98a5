# METADATA
# title: Defender for Cloud plans declared in code are on the Standard tier
# description: >-
#   A Defender for Cloud plan on the Free tier gives posture recommendations
#   only: no threat detection, malware scanning or vulnerability assessment
#   for the resources it names. Each
#   azurerm_security_center_subscription_pricing must set tier = "Standard"
#   (resource_type defaults to VirtualMachines). Which plans exist at all is
#   judged per service by the azure-defender-for-* rules.
# custom:
#   id: azure-defender-plan-standard-tier
#   severity: high
#   resource_types: [azurerm_security_center_subscription_pricing]
#   controls:
#     soc2: [CC4.1, CC6.8, CC7.1, CC7.2]
#     pci-dss-4.0: [5.2.1, 5.2.2, 5.3.2, 6.3.1, 11.5.1]
#   remediation: >-
#     Set tier = "Standard" on the
#     azurerm_security_center_subscription_pricing.
package attest.rules.azure.defender_plan_standard_tier

import data.attest.lib
import data.attest.lib.azure

names := ["tier"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, "Free")
	v != "Standard"
	msg := sprintf("the Defender plan gives no threat protection: tier is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
