# METADATA
# title: AKS clusters run the Azure Policy add-on
# description: >-
#   The Azure Policy add-on runs Gatekeeper in the cluster and applies the
#   subscription's policy assignments to workloads as they are admitted: no
#   privileged pods, no host paths, images only from trusted registries.
#   Without it, nothing enforces the organisation's configuration standard
#   inside the cluster. The azurerm provider leaves it off unless
#   azure_policy_enabled is true.
# custom:
#   id: azure-aks-azure-policy
#   severity: medium
#   resource_types: [azurerm_kubernetes_cluster]
#   controls:
#     soc2: [CC7.1, CC8.1]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: >-
#     Set azure_policy_enabled = true and assign the "Kubernetes cluster pod
#     security baseline standards" initiative.
package attest.rules.azure.aks_policy

import data.attest.lib
import data.attest.lib.azure

names := ["azure_policy_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v != true
	msg := sprintf("no admission policy is enforced: azure_policy_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
