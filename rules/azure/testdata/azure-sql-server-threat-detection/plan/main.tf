resource "azurerm_security_center_subscription_pricing" "sql" {
  tier          = "Standard"
  resource_type = "SqlServers"
}

resource "azurerm_mssql_server" "covered" {
  name                = "acme-covered"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}
