variable "setting" {
  type = number
}

resource "azurerm_key_vault" "from_variable" {
  name                       = "acme-from-variable"
  resource_group_name        = "rg"
  location                   = "westeurope"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  soft_delete_retention_days = var.setting
}
