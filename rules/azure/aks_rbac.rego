# METADATA
# title: AKS clusters enforce Kubernetes RBAC
# description: >-
#   Without role-based access control every authenticated identity can do
#   anything in the cluster. RBAC is on by default in the azurerm provider;
#   this rule fails when a configuration turns it off.
# custom:
#   id: azure-aks-rbac-enabled
#   severity: critical
#   resource_types: [azurerm_kubernetes_cluster]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.1, 7.2.2, 7.3.1, 7.3.3]
#   remediation: Remove role_based_access_control_enabled = false (RBAC cannot be turned on after creation; the cluster is replaced).
package attest.rules.azure.aks_rbac_enabled

import data.attest.lib

deny contains msg if {
	lib.get(input.resource, "role_based_access_control_enabled", true) == false
	msg := "Kubernetes RBAC is off: role_based_access_control_enabled = false"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "role_based_access_control_enabled")
	msg := "role_based_access_control_enabled is not known statically"
}
