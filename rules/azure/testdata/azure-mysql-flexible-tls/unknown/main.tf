variable "tls_version" {
  type = string
}

resource "azurerm_mysql_flexible_server" "from_variable" {
  name                = "acme-var"
  resource_group_name = "rg"
  location            = "westeurope"
  sku_name            = "GP_Standard_D2ds_v4"
}

resource "azurerm_mysql_flexible_server_configuration" "from_variable" {
  name                = "tls_version"
  resource_group_name = "rg"
  server_name         = azurerm_mysql_flexible_server.from_variable.name
  value               = var.tls_version
}
