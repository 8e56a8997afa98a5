resource "azurerm_key_vault" "acl" {
  for_each            = toset(["payments", "orders"])
  name                = "acme-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.10/32"]
  }
}

resource "azurerm_key_vault" "private" {
  name                          = "acme-private"
  resource_group_name           = "rg"
  location                      = "westeurope"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "premium"
  public_network_access_enabled = false
}

resource "azurerm_key_vault" "open" {
  name                = "acme-open"
  resource_group_name = "rg"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
}

resource "azurerm_key_vault" "allow" {
  name                = "acme-allow"
  resource_group_name = "rg"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
  }
}
