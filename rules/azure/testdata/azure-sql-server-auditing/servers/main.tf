resource "azurerm_mssql_server" "audited" {
  for_each            = toset(["orders", "payments"])
  name                = "acme-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_extended_auditing_policy" "audited" {
  for_each          = azurerm_mssql_server.audited
  server_id         = each.value.id
  storage_endpoint  = "https://acmeaudit.blob.core.windows.net/"
  retention_in_days = 365
}

resource "azurerm_mssql_server" "forever" {
  name                = "acme-forever"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_extended_auditing_policy" "forever" {
  server_id              = azurerm_mssql_server.forever.id
  log_monitoring_enabled = true
}

resource "azurerm_mssql_server" "short" {
  name                = "acme-short"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_extended_auditing_policy" "short" {
  server_id         = azurerm_mssql_server.short.id
  storage_endpoint  = "https://acmeaudit.blob.core.windows.net/"
  retention_in_days = 30
}

resource "azurerm_mssql_server" "disabled" {
  name                = "acme-disabled"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_extended_auditing_policy" "disabled" {
  server_id = azurerm_mssql_server.disabled.id
  enabled   = false
}

resource "azurerm_mssql_server" "unaudited" {
  name                = "acme-unaudited"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}
