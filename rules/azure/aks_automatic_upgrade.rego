# METADATA
# title: AKS clusters upgrade Kubernetes automatically
# description: >-
#   Kubernetes minor versions are supported for about a year and patch
#   releases carry security fixes; a cluster upgraded by hand falls behind.
#   An automatic upgrade channel (patch, stable, rapid or node-image) keeps
#   the control plane and nodes on supported, patched versions within the
#   maintenance window. The attribute is automatic_upgrade_channel in
#   azurerm 4 and automatic_channel_upgrade in azurerm 3; unset, or none,
#   means no automatic upgrade.
# custom:
#   id: azure-aks-automatic-upgrade
#   severity: medium
#   resource_types: [azurerm_kubernetes_cluster]
#   controls:
#     soc2: [CC7.1]
#     pci-dss-4.0: [6.3.3]
#   remediation: >-
#     Set automatic_upgrade_channel = "patch" (or "stable") with a
#     maintenance_window_auto_upgrade block.
package attest.rules.azure.aks_automatic_upgrade

import data.attest.lib
import data.attest.lib.azure

names := ["automatic_upgrade_channel", "automatic_channel_upgrade"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, "none")
	v == "none"
	msg := sprintf("Kubernetes is upgraded only by hand: the automatic upgrade channel is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
