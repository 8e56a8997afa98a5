resource "azurerm_security_center_subscription_pricing" "plan" {
  tier          = "Standard"
  resource_type = "KeyVaults"
}

resource "azurerm_key_vault" "app" {
  for_each            = toset(["orders", "payments"])
  name                = "acme-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}
