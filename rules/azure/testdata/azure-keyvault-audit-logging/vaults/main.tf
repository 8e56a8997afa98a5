resource "azurerm_key_vault" "logged" {
  for_each            = toset(["payments", "orders"])
  name                = "acme-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

resource "azurerm_monitor_diagnostic_setting" "logged" {
  for_each                   = azurerm_key_vault.logged
  name                       = "audit"
  target_resource_id         = each.value.id
  log_analytics_workspace_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/audit"
  enabled_log {
    category = "AuditEvent"
  }
}

resource "azurerm_key_vault" "by_id" {
  name                = "acme-by-id"
  resource_group_name = "rg"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

resource "azurerm_monitor_diagnostic_setting" "by_id" {
  name               = "audit"
  target_resource_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme-by-id"
  storage_account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmeaudit"
  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_key_vault" "metrics_only" {
  name                = "acme-metrics"
  resource_group_name = "rg"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

resource "azurerm_monitor_diagnostic_setting" "metrics_only" {
  name                       = "metrics"
  target_resource_id         = azurerm_key_vault.metrics_only.id
  log_analytics_workspace_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/audit"
  metric {
    category = "AllMetrics"
  }
}

resource "azurerm_key_vault" "silent" {
  name                = "acme-silent"
  resource_group_name = "rg"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}
