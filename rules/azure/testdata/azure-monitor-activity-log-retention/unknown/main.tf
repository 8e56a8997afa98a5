variable "target" {
  type = string
}

resource "azurerm_log_analytics_workspace" "central" {
  name                = "central"
  resource_group_name = "rg"
  location            = "westeurope"
  retention_in_days   = 90
}

resource "azurerm_monitor_diagnostic_setting" "from_variable" {
  name                       = "from-variable"
  target_resource_id         = var.target
  log_analytics_workspace_id = azurerm_log_analytics_workspace.central.id
  enabled_log {
    category_group = "allLogs"
  }
}
