resource "azurerm_container_registry" "good" {
  for_each            = toset(["a", "b"])
  name                = "acme-good-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = false
}

resource "azurerm_container_registry" "absent" {
  name                = "acme-absent"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}

resource "azurerm_container_registry" "bad" {
  name                = "acme-bad"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = true
}
