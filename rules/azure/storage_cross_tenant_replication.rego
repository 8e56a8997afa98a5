# METADATA
# title: Storage accounts do not replicate objects to other tenants
# description: >-
#   Object replication across Entra ID tenants lets someone with write
#   access to the account copy every blob to an account in a tenant the
#   organisation does not control, outside its monitoring. This rule assumes
#   azurerm 4, which defaults cross_tenant_replication_enabled to false
#   (azurerm 3 defaulted it to true: set it explicitly there); it fails when
#   a configuration enables it.
# custom:
#   id: azure-storage-cross-tenant-replication-disabled
#   severity: medium
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [CC6.1, CC6.7, C1.1]
#     pci-dss-4.0: [3.4.2, 7.2.1]
#   remediation: >-
#     Set cross_tenant_replication_enabled = false on the
#     azurerm_storage_account.
package attest.rules.azure.storage_cross_tenant_replication_disabled

import data.attest.lib
import data.attest.lib.azure

names := ["cross_tenant_replication_enabled"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v == true
	msg := sprintf("blobs may be replicated to another tenant: cross_tenant_replication_enabled is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}
