resource "azurerm_security_center_subscription_pricing" "storage" {
  tier          = "Standard"
  resource_type = "StorageAccounts"
}

resource "azurerm_mssql_server" "watched" {
  for_each            = toset(["orders", "payments"])
  name                = "acme-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_security_alert_policy" "watched" {
  for_each            = azurerm_mssql_server.watched
  resource_group_name = "rg"
  server_name         = each.value.name
  state               = "Enabled"
}

resource "azurerm_mssql_server" "by_name" {
  name                = "acme-by-name"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_security_alert_policy" "by_name" {
  resource_group_name = "rg"
  server_name         = "acme-by-name"
  state               = "Enabled"
}

resource "azurerm_mssql_server" "partial" {
  name                = "acme-partial"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_security_alert_policy" "partial" {
  resource_group_name = "rg"
  server_name         = azurerm_mssql_server.partial.name
  state               = "Enabled"
  disabled_alerts     = ["Sql_Injection"]
}

resource "azurerm_mssql_server" "unwatched" {
  name                = "acme-unwatched"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}
