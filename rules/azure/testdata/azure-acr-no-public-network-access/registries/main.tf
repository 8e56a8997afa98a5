resource "azurerm_container_registry" "private" {
  for_each                      = toset(["apps", "base"])
  name                          = "acme${each.key}"
  resource_group_name           = "rg"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_container_registry" "firewalled" {
  name                = "acmefirewalled"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
  network_rule_set {
    default_action = "Deny"
    ip_rule {
      action   = "Allow"
      ip_range = "203.0.113.0/24"
    }
  }
}

resource "azurerm_container_registry" "open" {
  name                = "acmeopen"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
