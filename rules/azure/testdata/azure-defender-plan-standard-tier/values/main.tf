resource "azurerm_security_center_subscription_pricing" "good" {
  for_each      = toset(["a", "b"])
  name          = "acme-good-${each.key}"
  resource_type = "StorageAccounts"
  tier          = "Standard"
}

resource "azurerm_security_center_subscription_pricing" "absent" {
  name          = "acme-absent"
  resource_type = "StorageAccounts"
}

resource "azurerm_security_center_subscription_pricing" "bad" {
  name          = "acme-bad"
  resource_type = "StorageAccounts"
  tier          = "Free"
}
