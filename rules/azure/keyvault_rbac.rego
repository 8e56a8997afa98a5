# METADATA
# title: Key Vaults authorise data access with Azure RBAC
# description: >-
#   Vault access policies grant key, secret and certificate permissions per
#   vault, outside Azure role assignments: they escape Privileged Identity
#   Management, conditional access reviews and the usual role audit, and
#   anyone with Contributor on the vault can grant themselves access. With
#   RBAC authorisation, data-plane access is given by role assignments
#   scoped to the vault or to a single key or secret. The azurerm provider
#   uses access policies unless rbac_authorization_enabled (azurerm 4) or
#   enable_rbac_authorization (azurerm 3) is true.
# custom:
#   id: azure-keyvault-rbac-authorization
#   severity: medium
#   resource_types: [azurerm_key_vault]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [3.6.1, 7.2.1, 7.2.2, 7.3.1, 7.3.2, 7.3.3]
#   remediation: >-
#     Set rbac_authorization_enabled = true (enable_rbac_authorization = true
#     in azurerm 3) and grant azurerm_role_assignment "Key Vault Secrets User"
#     and the like.
package attest.rules.azure.keyvault_rbac_authorization

import data.attest.lib
import data.attest.lib.azure

names := ["rbac_authorization_enabled", "enable_rbac_authorization"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v != true
	msg := sprintf("data access is granted by vault access policies: RBAC authorisation is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
