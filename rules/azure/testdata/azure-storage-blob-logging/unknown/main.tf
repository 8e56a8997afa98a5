resource "azurerm_storage_account" "by_reference" {
  name                     = "acmeref"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_monitor_diagnostic_setting" "by_reference" {
  name                       = "blob-audit"
  target_resource_id         = "${azurerm_storage_account.by_reference.id}/blobServices/default"
  log_analytics_workspace_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/audit"
  enabled_log {
    category_group = "allLogs"
  }
}
