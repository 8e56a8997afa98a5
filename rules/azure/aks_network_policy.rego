# METADATA
# title: AKS clusters enforce network policies
# description: >-
#   Without a network policy engine every pod can reach every other pod and
#   namespace: one compromised workload reaches the databases and the system
#   components. Kubernetes NetworkPolicy objects only take effect when
#   network_profile names an engine (azure, calico or cilium). The azurerm
#   provider sets none by default.
# custom:
#   id: azure-aks-network-policy
#   severity: medium
#   resource_types: [azurerm_kubernetes_cluster]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.2.1, 1.3.1, 1.3.2]
#   remediation: >-
#     Set network_profile { network_plugin = "azure", network_policy =
#     "cilium", network_data_plane = "cilium" } (or "calico"), then write
#     NetworkPolicy objects.
package attest.rules.azure.aks_network_policy

import data.attest.lib
import data.attest.lib.azure

names := ["network_profile.0.network_policy"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, null)
	not v in {"azure", "calico", "cilium"}
	msg := sprintf("NetworkPolicy objects are not enforced: network_policy is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
