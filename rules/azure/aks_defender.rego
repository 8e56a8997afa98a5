# METADATA
# title: AKS clusters are protected by Defender for Containers
# description: >-
#   Defender for Containers watches the cluster's audit log and nodes for
#   attacks (crypto miners, privilege escalation, access from malicious
#   addresses) and scans images for vulnerabilities. A cluster is covered
#   when its microsoft_defender block sends the sensor's data to a Log
#   Analytics workspace, or when the configuration turns on the Containers
#   plan for the subscription at the Standard tier. With neither, the rule
#   fails if the configuration manages Defender plans and gives unknown if
#   it manages none (the plan may be set elsewhere).
# custom:
#   id: azure-aks-defender
#   severity: medium
#   resource_types: [azurerm_kubernetes_cluster]
#   controls:
#     soc2: [CC6.8, CC7.2]
#     pci-dss-4.0: [5.2.1, 5.2.2, 5.3.2, 6.3.1, 11.5.1]
#   remediation: >-
#     Add microsoft_defender { log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id }
#     and an azurerm_security_center_subscription_pricing { resource_type = "Containers", tier = "Standard" }.
package attest.rules.azure.aks_defender

import data.attest.lib
import data.attest.lib.azure

plans := {"Containers"}

sensor := "microsoft_defender.0.log_analytics_workspace_id"

good if azure.present(input.resource, sensor)

good if azure.defender_standard(plans)

undetermined if azure.undecided(input.resource, sensor)

undetermined if lib.is_unknown(input.resource, "microsoft_defender")

undetermined if azure.defender_undecided(plans)

deny contains msg if {
	not good
	not undetermined
	msg := "no Defender for Containers: no microsoft_defender block and no Standard Containers plan"
}

unknown contains msg if {
	not good
	undetermined
	msg := "whether Defender for Containers covers the cluster is not known statically (no Defender plan is declared here, or a setting is unknown)"
}
