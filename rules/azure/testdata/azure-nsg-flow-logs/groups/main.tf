resource "azurerm_network_security_group" "app" {
  for_each            = toset(["web", "api"])
  name                = each.key
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_network_watcher_flow_log" "app" {
  for_each                  = azurerm_network_security_group.app
  name                      = "flow-${each.key}"
  network_watcher_name      = "NetworkWatcher_westeurope"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = each.value.id
  storage_account_id        = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmeflow"
  enabled                   = true
  retention_policy {
    enabled = true
    days    = 90
  }
}

resource "azurerm_network_security_group" "silent" {
  name                = "silent"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_network_security_group" "short" {
  name                = "short"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_network_watcher_flow_log" "short" {
  name                      = "flow-short"
  network_watcher_name      = "NetworkWatcher_westeurope"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = azurerm_network_security_group.short.id
  storage_account_id        = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmeflow"
  enabled                   = true
  retention_policy {
    enabled = true
    days    = 7
  }
}

resource "azurerm_network_security_group" "forever" {
  name                = "forever"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_network_watcher_flow_log" "forever" {
  name                 = "flow-forever"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_network_security_group.forever.id
  storage_account_id   = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmeflow"
  enabled              = true
  retention_policy {
    enabled = false
    days    = 0
  }
}
