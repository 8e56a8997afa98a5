# METADATA
# title: Key Vault keys rotate automatically
# description: >-
#   Keys used long enough leak through backups, memory dumps or former
#   administrators; PCI DSS asks that keys change at the end of a defined
#   cryptoperiod. A rotation_policy with an automatic block (time_after_creation
#   or time_before_expiry) makes Key Vault create a new version on schedule,
#   and services that use the versionless key id pick it up. Only RSA and EC
#   keys in vaults are judged; keys in a managed HSM use their own resource.
# custom:
#   id: azure-keyvault-key-rotation
#   severity: medium
#   resource_types: [azurerm_key_vault_key]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1, 3.7.4]
#   remediation: >-
#     Add rotation_policy { expire_after = "P1Y", notify_before_expiry = "P30D",
#     automatic { time_after_creation = "P11M" } } and refer to the key by versionless_id.
package attest.rules.azure.keyvault_key_rotation

import data.attest.lib
import data.attest.lib.azure

rotates if azure.present(input.resource, "rotation_policy.0.automatic.0.time_after_creation")

rotates if azure.present(input.resource, "rotation_policy.0.automatic.0.time_before_expiry")

deny contains msg if {
	not rotates
	not lib.is_unknown(input.resource, "rotation_policy")
	msg := "the key is never rotated: no rotation_policy with an automatic block"
}

unknown contains msg if {
	not rotates
	lib.is_unknown(input.resource, "rotation_policy")
	msg := "the key's rotation policy is not known statically"
}
