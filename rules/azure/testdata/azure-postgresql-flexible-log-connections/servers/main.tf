module "billing" {
  source = "./server"
  name   = "acme-billing"
}

resource "azurerm_postgresql_flexible_server" "set" {
  for_each            = toset(["orders", "payments"])
  name                = "acme-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_flexible_server_configuration" "set" {
  for_each  = azurerm_postgresql_flexible_server.set
  name      = "log_connections"
  server_id = each.value.id
  value     = "on"
}

resource "azurerm_postgresql_flexible_server" "off" {
  name                = "acme-off"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_flexible_server_configuration" "off" {
  name      = "log_connections"
  server_id = azurerm_postgresql_flexible_server.off.id
  value     = "off"
}

resource "azurerm_postgresql_flexible_server" "default" {
  name                = "acme-default"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}
