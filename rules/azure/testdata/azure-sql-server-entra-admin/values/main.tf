resource "azurerm_mssql_server" "good" {
  for_each            = toset(["a", "b"])
  name                = "acme-good-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
  azuread_administrator {
    login_username = "sql-admins"
  }
}

resource "azurerm_mssql_server" "absent" {
  name                = "acme-absent"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}
