resource "azurerm_mssql_server" "private" {
  for_each                      = toset(["orders", "billing"])
  name                          = "acme-${each.key}"
  resource_group_name           = "rg"
  location                      = "westeurope"
  version                       = "12.0"
  public_network_access_enabled = false
}

resource "azurerm_mssql_server" "public_default" {
  name                = "acme-reports"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_subnet" "db" {
  name                 = "db"
  resource_group_name  = "rg"
  virtual_network_name = "main"
  address_prefixes     = ["10.0.8.0/24"]
}

resource "azurerm_postgresql_flexible_server" "in_vnet" {
  name                = "acme-pg"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  delegated_subnet_id = azurerm_subnet.db.id
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_mysql_flexible_server" "public" {
  name                          = "acme-mysql"
  resource_group_name           = "rg"
  location                      = "westeurope"
  sku_name                      = "B_Standard_B1s"
  public_network_access_enabled = true
}
