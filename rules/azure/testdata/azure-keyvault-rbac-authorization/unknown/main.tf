variable "setting" {
  type = bool
}

resource "azurerm_key_vault" "from_variable" {
  name                       = "acme-from-variable"
  resource_group_name        = "rg"
  location                   = "westeurope"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  rbac_authorization_enabled = var.setting
}
