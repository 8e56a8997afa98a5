# METADATA
# title: Storage accounts log reads, writes and deletes on the queue service
# description: >-
#   Storage analytics logging records each request to the queue service,
#   who made it and whether it was authorised: the trail that shows which
#   messages were read or deleted, and by whom. It is off unless the
#   account's queue_properties (azurerm 3) or a separate
#   azurerm_storage_account_queue_properties (azurerm 4) has a logging
#   block with delete, read and write all true. Accounts without a queue
#   service (BlobStorage, BlockBlobStorage, FileStorage or the Premium tier)
#   are not judged.
# custom:
#   id: azure-storage-queue-logging
#   severity: medium
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.4]
#   remediation: >-
#     Add resource "azurerm_storage_account_queue_properties" { storage_account_id = ...,
#     logging { version = "1.0", delete = true, read = true, write = true, retention_policy_days = 90 } }.
package attest.rules.azure.storage_queue_logging

import data.attest.lib

separate := "azurerm_storage_account_queue_properties"

judged if {
	lib.get(input.resource, "account_kind", "StorageV2") in {"StorageV2", "Storage"}
	lib.get(input.resource, "account_tier", "Standard") != "Premium"
}

complete(logging) if {
	object.get(logging, "delete", false) == true
	object.get(logging, "read", false) == true
	object.get(logging, "write", false) == true
}

logs if complete(lib.get(input.resource, "queue_properties.0.logging.0", {}))

logs if {
	some c in lib.linked(separate, "storage_account_id")
	complete(lib.get(c, "logging.0", {}))
}

undetermined if lib.is_unknown(input.resource, "queue_properties")

undetermined if lib.is_unknown(input.resource, "account_kind")

undetermined if lib.is_unknown(input.resource, "account_tier")

undetermined if lib.may_link(separate, "storage_account_id")

undetermined if {
	some c in lib.linked(separate, "storage_account_id")
	lib.is_unknown(c, "logging")
}

deny contains msg if {
	judged
	not logs
	not undetermined
	msg := "queue requests are not logged: no queue logging block with delete, read and write = true"
}

unknown contains msg if {
	not logs
	undetermined
	msg := "the account kind, tier or queue logging settings are not known statically"
}
