# METADATA
# title: Container registries have the admin user off
# description: >-
#   The admin user of a container registry is one shared account whose two
#   passwords can push and pull every image. It cannot be tied to a person
#   or a pipeline and is easily left in CI variables. Entra ID identities
#   with AcrPush or AcrPull roles replace it. The provider leaves
#   admin_enabled false; this rule fails when it is true.
# custom:
#   id: azure-acr-admin-user-disabled
#   severity: high
#   resource_types: [azurerm_container_registry]
#   controls:
#     soc2: [CC6.1, CC6.2, CC6.3]
#     pci-dss-4.0: [2.2.2, 7.2.2, 8.2.2]
#   remediation: >-
#     Remove admin_enabled = true and give pipelines and clusters AcrPush /
#     AcrPull role assignments.
package attest.rules.azure.acr_admin_user_disabled

import data.attest.lib
import data.attest.lib.azure

names := ["admin_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v == true
	msg := sprintf("a shared admin account can push and pull every image: admin_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
