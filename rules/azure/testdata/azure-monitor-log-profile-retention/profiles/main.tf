resource "azurerm_monitor_log_profile" "year" {
  for_each           = toset(["prod", "staging"])
  name               = "activity-${each.key}"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["global", "westeurope"]
  storage_account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmeactivity"
  retention_policy {
    enabled = true
    days    = 365
  }
}

resource "azurerm_monitor_log_profile" "forever" {
  name               = "forever"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["global"]
  storage_account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmeactivity"
  retention_policy {
    enabled = false
  }
}

resource "azurerm_monitor_log_profile" "short" {
  name               = "short"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["global"]
  storage_account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmeactivity"
  retention_policy {
    enabled = true
    days    = 90
  }
}

resource "azurerm_monitor_log_profile" "writes_only" {
  name               = "writes-only"
  categories         = ["Write"]
  locations          = ["global"]
  storage_account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmeactivity"
  retention_policy {
    enabled = true
    days    = 365
  }
}
