resource "azurerm_mysql_flexible_server" "strict" {
  for_each            = toset(["orders", "payments"])
  name                = "acme-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  sku_name            = "GP_Standard_D2ds_v4"
}

resource "azurerm_mysql_flexible_server_configuration" "strict" {
  for_each            = azurerm_mysql_flexible_server.strict
  name                = "tls_version"
  resource_group_name = "rg"
  server_name         = each.value.name
  value               = "TLSv1.2,TLSv1.3"
}

resource "azurerm_mysql_flexible_server" "default" {
  name                = "acme-default"
  resource_group_name = "rg"
  location            = "westeurope"
  sku_name            = "GP_Standard_D2ds_v4"
}

resource "azurerm_mysql_flexible_server" "plain" {
  name                = "acme-plain"
  resource_group_name = "rg"
  location            = "westeurope"
  sku_name            = "GP_Standard_D2ds_v4"
}

resource "azurerm_mysql_flexible_server_configuration" "plain" {
  name                = "require_secure_transport"
  resource_group_name = "rg"
  server_name         = azurerm_mysql_flexible_server.plain.name
  value               = "OFF"
}

resource "azurerm_mysql_flexible_server" "old_tls" {
  name                = "acme-old-tls"
  resource_group_name = "rg"
  location            = "westeurope"
  sku_name            = "GP_Standard_D2ds_v4"
}

resource "azurerm_mysql_flexible_server_configuration" "old_tls" {
  name                = "tls_version"
  resource_group_name = "rg"
  server_name         = "acme-old-tls"
  value               = "TLSv1.1,TLSv1.2"
}
