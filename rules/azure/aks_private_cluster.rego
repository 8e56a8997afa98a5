# METADATA
# title: AKS clusters keep the API server off the internet
# description: >-
#   The Kubernetes API server of a public AKS cluster answers on a public
#   address, so every flaw in its authentication and every leaked kubeconfig
#   is exploitable from anywhere. A private cluster gives it only a private
#   endpoint in the cluster's virtual network. The azurerm provider creates
#   public clusters unless private_cluster_enabled is true; a public cluster
#   limited to authorised IP ranges is judged by azure-aks-api-server-
#   authorized-ip-ranges.
# custom:
#   id: azure-aks-private-cluster
#   severity: high
#   resource_types: [azurerm_kubernetes_cluster]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.1, 1.4.2]
#   remediation: >-
#     Set private_cluster_enabled = true (with private_dns_zone_id) and reach
#     the API through the virtual network, a VPN or Azure Bastion.
package attest.rules.azure.aks_private_cluster

import data.attest.lib
import data.attest.lib.azure

names := ["private_cluster_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v != true
	msg := sprintf("the API server has a public endpoint: private_cluster_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
