data "azurerm_subscription" "current" {}

resource "azurerm_log_analytics_workspace" "audit" {
  for_each            = toset(["prod", "shared"])
  name                = "audit-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  retention_in_days   = 730
}

resource "azurerm_monitor_diagnostic_setting" "activity" {
  for_each                   = azurerm_log_analytics_workspace.audit
  name                       = "activity-${each.key}"
  target_resource_id         = data.azurerm_subscription.current.id
  log_analytics_workspace_id = each.value.id
  enabled_log {
    category = "Administrative"
  }
  enabled_log {
    category = "Security"
  }
  enabled_log {
    category = "Policy"
  }
}

resource "azurerm_log_analytics_workspace" "default_retention" {
  name                = "default-retention"
  resource_group_name = "rg"
  location            = "westeurope"
}

resource "azurerm_monitor_diagnostic_setting" "literal" {
  name                       = "activity-literal"
  target_resource_id         = "/subscriptions/00000000-0000-0000-0000-000000000000"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.default_retention.id
  enabled_log {
    category = "Administrative"
  }
}

resource "azurerm_log_analytics_workspace" "apps" {
  name                = "apps"
  resource_group_name = "rg"
  location            = "westeurope"
  retention_in_days   = 30
}

resource "azurerm_monitor_diagnostic_setting" "vault" {
  name                       = "vault"
  target_resource_id         = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.apps.id
  enabled_log {
    category = "AuditEvent"
  }
}
