variable "retention_days" {
  type = number
}

resource "azurerm_monitor_log_profile" "from_variable" {
  name               = "activity"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["global"]
  storage_account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmeactivity"
  retention_policy {
    enabled = true
    days    = var.retention_days
  }
}
