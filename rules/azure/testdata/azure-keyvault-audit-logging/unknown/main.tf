variable "vaults" {
  type = set(string)
}

resource "azurerm_key_vault" "maybe" {
  name                = "acme-maybe"
  resource_group_name = "rg"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

resource "azurerm_monitor_diagnostic_setting" "maybe" {
  for_each                   = var.vaults
  name                       = "audit-${each.key}"
  target_resource_id         = azurerm_key_vault.maybe.id
  log_analytics_workspace_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/audit"
  enabled_log {
    category = "AuditEvent"
  }
}
