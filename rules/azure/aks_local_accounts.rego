# METADATA
# title: AKS clusters disable local accounts
# description: >-
#   Local accounts give a static cluster-admin credential (az aks
#   get-credentials --admin) that bypasses Entra ID sign-in, its MFA and
#   conditional access, and cannot be tied to a person in the audit log.
#   With local accounts disabled, every access goes through Entra ID.
# custom:
#   id: azure-aks-local-accounts-disabled
#   severity: high
#   resource_types: [azurerm_kubernetes_cluster]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.2.2, 8.3.1]
#   remediation: >-
#     Set local_account_disabled = true with
#     azure_active_directory_role_based_access_control { azure_rbac_enabled = true }.
package attest.rules.azure.aks_local_accounts_disabled

import data.attest.lib

deny contains msg if {
	lib.get(input.resource, "local_account_disabled", false) != true
	not lib.is_unknown(input.resource, "local_account_disabled")
	msg := "a static admin credential exists: local_account_disabled is not true"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "local_account_disabled")
	msg := "local_account_disabled is not known statically"
}
