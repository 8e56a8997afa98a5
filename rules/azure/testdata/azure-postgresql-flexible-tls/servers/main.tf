resource "azurerm_postgresql_flexible_server" "strict" {
  for_each            = toset(["orders", "payments"])
  name                = "acme-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_flexible_server_configuration" "strict" {
  for_each  = azurerm_postgresql_flexible_server.strict
  name      = "ssl_min_protocol_version"
  server_id = each.value.id
  value     = "TLSv1.3"
}

resource "azurerm_postgresql_flexible_server" "default" {
  name                = "acme-default"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_flexible_server" "plain" {
  name                = "acme-plain"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_flexible_server_configuration" "plain" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.plain.id
  value     = "OFF"
}

resource "azurerm_postgresql_flexible_server" "old_tls" {
  name                = "acme-old-tls"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_flexible_server_configuration" "old_tls" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.old_tls.id
  value     = "TLSv1.1"
}
