variable "setting" {
  type = bool
}

resource "azurerm_postgresql_flexible_server" "from_variable" {
  name                = "acme-from-variable"
  resource_group_name = "rg"
  location            = "westeurope"
  sku_name            = "GP_Standard_D2s_v3"
  authentication {
    active_directory_auth_enabled = var.setting
  }
}
