# METADATA
# title: AKS clusters sign users in with Entra ID
# description: >-
#   Without Entra ID integration, people reach the cluster with client
#   certificates from the cluster's own CA: they cannot be revoked one by
#   one, bypass MFA and conditional access, and do not end when the person
#   leaves. An azure_active_directory_role_based_access_control block makes
#   kubectl sign in through Entra ID (managed integration; azurerm 3 also
#   needs managed = true there).
# custom:
#   id: azure-aks-entra-integration
#   severity: high
#   resource_types: [azurerm_kubernetes_cluster]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.2.1, 8.2.5, 8.3.1, 8.4.1]
#   remediation: >-
#     Add azure_active_directory_role_based_access_control { azure_rbac_enabled = true,
#     admin_group_object_ids = [...] } (and local_account_disabled = true).
package attest.rules.azure.aks_entra_integration

import data.attest.lib

path := "azure_active_directory_role_based_access_control"

integrated if {
	count(lib.get(input.resource, path, [])) > 0
	lib.get(input.resource, concat(".", [path, "0.managed"]), true) != false
}

deny contains msg if {
	not integrated
	not lib.is_unknown(input.resource, path)
	msg := "users sign in with cluster certificates: no managed azure_active_directory_role_based_access_control"
}

unknown contains msg if {
	not integrated
	lib.is_unknown(input.resource, path)
	msg := "the cluster's Entra ID integration is not known statically"
}
