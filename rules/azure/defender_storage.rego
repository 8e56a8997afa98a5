# METADATA
# title: Storage accounts are protected by Defender for Storage
# description: >-
#   Defender for Storage scans uploaded blobs for malware and alerts on
#   unusual access: data exfiltration, access from malicious addresses,
#   anonymous reads. An azurerm_security_center_storage_defender for the
#   account also covers it. The resource is covered when the configuration
#   turns the StorageAccounts plan on for the subscription at the Standard
#   tier. Without it, the rule fails if the configuration manages Defender
#   plans and gives unknown if it manages none, since the plan may be set
#   in another configuration.
# custom:
#   id: azure-defender-for-storage
#   severity: medium
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [CC6.8, CC7.2]
#     pci-dss-4.0: [5.2.1, 5.2.2, 5.3.2, 11.5.1]
#   remediation: >-
#     Add resource "azurerm_security_center_subscription_pricing" "storage" { tier = "Standard", resource_type = "StorageAccounts", subplan = "DefenderForStorageV2" } (or an azurerm_security_center_storage_defender for the account).
package attest.rules.azure.defender_for_storage

import data.attest.lib
import data.attest.lib.azure

plans := {"StorageAccounts"}

good if azure.defender_standard(plans)

per_account := "azurerm_security_center_storage_defender"

good if count(lib.linked(per_account, "storage_account_id")) > 0

undetermined if azure.defender_undecided(plans)

undetermined if lib.may_link(per_account, "storage_account_id")

deny contains msg if {
	not good
	not undetermined
	msg := "no Standard StorageAccounts Defender plan or per-account Defender for Storage covers it"
}

unknown contains msg if {
	not good
	undetermined
	msg := "whether the StorageAccounts Defender plan is on is not known statically (no Defender plan is declared here, or a plan is unknown)"
}
