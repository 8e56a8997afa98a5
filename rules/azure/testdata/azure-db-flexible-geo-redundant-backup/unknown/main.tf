variable "setting" {
  type = bool
}

resource "azurerm_postgresql_flexible_server" "from_variable" {
  name                         = "acme-from-variable"
  resource_group_name          = "rg"
  location                     = "westeurope"
  sku_name                     = "GP_Standard_D2s_v3"
  geo_redundant_backup_enabled = var.setting
}
