resource "azurerm_key_vault" "good" {
  for_each                   = toset(["a", "b"])
  name                       = "acme-good-${each.key}"
  resource_group_name        = "rg"
  location                   = "westeurope"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  soft_delete_retention_days = 90
}

resource "azurerm_key_vault" "absent" {
  name                = "acme-absent"
  resource_group_name = "rg"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

resource "azurerm_key_vault" "bad" {
  name                       = "acme-bad"
  resource_group_name        = "rg"
  location                   = "westeurope"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  soft_delete_retention_days = 7
}
