variable "setting" {
  type = bool
}

resource "azurerm_container_registry" "from_variable" {
  name                = "acme-from-variable"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = var.setting
}
