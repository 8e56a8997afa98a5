variable "name" {
  type = string
}

resource "azurerm_postgresql_flexible_server" "this" {
  name                = var.name
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_flexible_server_configuration" "this" {
  name      = "log_connections"
  server_id = azurerm_postgresql_flexible_server.this.id
  value     = "ON"
}
