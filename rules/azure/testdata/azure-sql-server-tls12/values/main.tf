resource "azurerm_mssql_server" "good" {
  for_each            = toset(["a", "b"])
  name                = "acme-good-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
  minimum_tls_version = "1.2"
}

resource "azurerm_mssql_server" "absent" {
  name                = "acme-absent"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server" "bad" {
  name                = "acme-bad"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
  minimum_tls_version = "1.0"
}
