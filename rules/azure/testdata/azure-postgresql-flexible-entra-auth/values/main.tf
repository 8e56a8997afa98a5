resource "azurerm_postgresql_flexible_server" "good" {
  for_each            = toset(["a", "b"])
  name                = "acme-good-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  sku_name            = "GP_Standard_D2s_v3"
  authentication {
    active_directory_auth_enabled = true
  }
}

resource "azurerm_postgresql_flexible_server" "absent" {
  name                = "acme-absent"
  resource_group_name = "rg"
  location            = "westeurope"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_flexible_server" "bad" {
  name                = "acme-bad"
  resource_group_name = "rg"
  location            = "westeurope"
  sku_name            = "GP_Standard_D2s_v3"
  authentication {
    active_directory_auth_enabled = false
  }
}
