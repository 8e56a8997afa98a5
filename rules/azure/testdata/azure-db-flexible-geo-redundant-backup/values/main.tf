resource "azurerm_postgresql_flexible_server" "good" {
  for_each                     = toset(["a", "b"])
  name                         = "acme-good-${each.key}"
  resource_group_name          = "rg"
  location                     = "westeurope"
  sku_name                     = "GP_Standard_D2s_v3"
  geo_redundant_backup_enabled = true
}

resource "azurerm_postgresql_flexible_server" "absent" {
  name                = "acme-absent"
  resource_group_name = "rg"
  location            = "westeurope"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_flexible_server" "bad" {
  name                         = "acme-bad"
  resource_group_name          = "rg"
  location                     = "westeurope"
  sku_name                     = "GP_Standard_D2s_v3"
  geo_redundant_backup_enabled = false
}

resource "azurerm_mysql_flexible_server" "other1" {
  name                         = "acme-other1"
  resource_group_name          = "rg"
  location                     = "westeurope"
  sku_name                     = "GP_Standard_D2s_v3"
  geo_redundant_backup_enabled = true
}

resource "azurerm_mysql_flexible_server" "other_bad1" {
  name                         = "acme-other-bad1"
  resource_group_name          = "rg"
  location                     = "westeurope"
  sku_name                     = "GP_Standard_D2s_v3"
  geo_redundant_backup_enabled = false
}
