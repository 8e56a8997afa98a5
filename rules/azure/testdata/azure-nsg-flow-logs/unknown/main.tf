variable "retention_days" {
  type = number
}

resource "azurerm_network_security_group" "db" {
  name                = "db"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_network_watcher_flow_log" "db" {
  name                      = "flow-db"
  network_watcher_name      = "NetworkWatcher_westeurope"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = azurerm_network_security_group.db.id
  storage_account_id        = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmeflow"
  enabled                   = true
  retention_policy {
    enabled = true
    days    = var.retention_days
  }
}
