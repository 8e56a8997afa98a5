# METADATA
# title: Storage accounts log reads, writes and deletes on the blob service
# description: >-
#   Who read, wrote or deleted which blob is recorded only when a
#   diagnostic setting on the account's blob service
#   (<account id>/blobServices/default) sends the StorageRead, StorageWrite
#   and StorageDelete categories (or the allLogs or audit category group)
#   to a workspace, storage account or event hub. A setting whose target is
#   built from the account's id cannot be told apart from one on its
#   queue, table or file service statically, so it gives unknown rather
#   than a pass. FileStorage accounts are not judged.
# custom:
#   id: azure-storage-blob-logging
#   severity: medium
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.4]
#   remediation: >-
#     Add resource "azurerm_monitor_diagnostic_setting" { target_resource_id =
#     "${azurerm_storage_account.this.id}/blobServices/default", log_analytics_workspace_id = ...,
#     enabled_log { category_group = "audit" } }.
package attest.rules.azure.storage_blob_logging

import data.attest.lib
import data.attest.lib.azure

diag := "azurerm_monitor_diagnostic_setting"

wanted := {"StorageRead", "StorageWrite", "StorageDelete"}

categories(s) := {c | some b in lib.get(s, "enabled_log", []); c := object.get(b, "category", "")} | {c |
	some b in lib.get(s, "log", [])
	object.get(b, "enabled", true) == true
	c := object.get(b, "category", "")
}

groups(s) := {g | some b in lib.get(s, "enabled_log", []); g := object.get(b, "category_group", "")}

logs_requests(s) if count(wanted - categories(s)) == 0

logs_requests(s) if count(groups(s) & {"allLogs", "audit"}) > 0

settings := azure.diagnostic_settings

blob_target(s) if contains(lower(lib.get(s, "target_resource_id", "")), "/blobservices/")

good if {
	some s in settings
	not lib.is_unknown(s, "target_resource_id")
	blob_target(s)
	logs_requests(s)
}

undetermined if lib.may_link(diag, "target_resource_id")

undetermined if lib.is_unknown(input.resource, "account_kind")

undetermined if {
	some s in settings
	lib.is_unknown(s, "target_resource_id")
	logs_requests(s)
}

undetermined if {
	some s in settings
	some path in ["enabled_log", "log"]
	lib.is_unknown(s, path)
}

deny contains msg if {
	lib.get(input.resource, "account_kind", "StorageV2") != "FileStorage"
	not good
	not undetermined
	msg := "blob reads, writes and deletes are not logged: no diagnostic setting on the blob service sends them"
}

unknown contains msg if {
	not good
	undetermined
	msg := "whether a diagnostic setting on the blob service logs reads, writes and deletes is not known statically"
}
