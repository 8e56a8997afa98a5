resource "azurerm_mssql_server" "plan_elsewhere" {
  name                = "acme-elsewhere"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}
