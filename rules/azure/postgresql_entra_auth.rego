# METADATA
# title: PostgreSQL flexible servers accept Entra ID sign-in
# description: >-
#   A PostgreSQL flexible server with password authentication only relies on
#   database roles and passwords that live outside the organisation's
#   identity lifecycle and MFA. With active_directory_auth_enabled in the
#   authentication block, people and workloads sign in with Entra ID tokens;
#   password_auth_enabled = false can then retire passwords. The provider
#   enables passwords only unless the block says otherwise.
# custom:
#   id: azure-postgresql-flexible-entra-auth
#   severity: medium
#   resource_types: [azurerm_postgresql_flexible_server]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.2.1, 8.2.2, 8.3.1]
#   remediation: >-
#     Add authentication { active_directory_auth_enabled = true,
#     password_auth_enabled = false, tenant_id = ... } and an
#     azurerm_postgresql_flexible_server_active_directory_administrator.
package attest.rules.azure.postgresql_flexible_entra_auth

import data.attest.lib
import data.attest.lib.azure

names := ["authentication.0.active_directory_auth_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v != true
	msg := sprintf("only password sign-in is possible: active_directory_auth_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
