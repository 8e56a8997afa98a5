variable "parameters" {
  type = map(string)
}

resource "azurerm_postgresql_flexible_server" "from_variable" {
  name                = "acme-var"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_flexible_server_configuration" "from_variable" {
  for_each  = var.parameters
  name      = each.key
  server_id = azurerm_postgresql_flexible_server.from_variable.id
  value     = each.value
}
