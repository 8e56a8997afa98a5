resource "azurerm_storage_account" "logged" {
  for_each                 = toset(["acmeorders", "acmeinvoices"])
  name                     = each.key
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_monitor_diagnostic_setting" "blobs" {
  for_each                   = toset(["acmeorders", "acmeinvoices"])
  name                       = "blob-audit"
  target_resource_id         = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${each.key}/blobServices/default"
  log_analytics_workspace_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/audit"
  enabled_log {
    category = "StorageRead"
  }
  enabled_log {
    category = "StorageWrite"
  }
  enabled_log {
    category = "StorageDelete"
  }
}

resource "azurerm_storage_account" "reads_missing" {
  name                     = "acmereads"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_monitor_diagnostic_setting" "writes" {
  name                       = "blob-writes"
  target_resource_id         = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmereads/blobServices/default"
  log_analytics_workspace_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/audit"
  enabled_log {
    category = "StorageWrite"
  }
}

resource "azurerm_storage_account" "grouped" {
  name                     = "acmegrouped"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_monitor_diagnostic_setting" "grouped" {
  name                       = "blob-all"
  target_resource_id         = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmegrouped/blobServices/default"
  log_analytics_workspace_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/audit"
  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_storage_account" "silent" {
  name                     = "acmesilent"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
