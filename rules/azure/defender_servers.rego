# METADATA
# title: Virtual machines are protected by Defender for Servers
# description: >-
#   Defender for Servers brings endpoint detection and response (Microsoft
#   Defender for Endpoint), vulnerability assessment and, on plan 2, file
#   integrity monitoring to each machine: the anti-malware and intrusion
#   detection a card-data environment needs. The resource is covered when
#   the configuration turns the VirtualMachines plan on for the
#   subscription at the Standard tier. Without it, the rule fails if the
#   configuration manages Defender plans and gives unknown if it manages
#   none, since the plan may be set in another configuration.
# custom:
#   id: azure-defender-for-servers
#   severity: high
#   resource_types: [azurerm_linux_virtual_machine, azurerm_windows_virtual_machine]
#   controls:
#     soc2: [CC6.8, CC7.2]
#     pci-dss-4.0: [5.2.1, 5.2.2, 5.3.1, 5.3.2, 6.3.1, 11.5.1, 11.5.1.1]
#   remediation: >-
#     Add resource "azurerm_security_center_subscription_pricing" "servers" { tier = "Standard", resource_type = "VirtualMachines", subplan = "P2" }.
package attest.rules.azure.defender_for_servers

import data.attest.lib.azure

plans := {"VirtualMachines"}

good if azure.defender_standard(plans)

deny contains msg if {
	not good
	not azure.defender_undecided(plans)
	msg := "no Standard VirtualMachines Defender plan covers it"
}

unknown contains msg if {
	not good
	azure.defender_undecided(plans)
	msg := "whether the VirtualMachines Defender plan is on is not known statically (no Defender plan is declared here, or a plan is unknown)"
}
