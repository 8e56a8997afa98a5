variable "setting" {
  type = string
}

resource "azurerm_security_center_subscription_pricing" "from_variable" {
  name          = "acme-from-variable"
  resource_type = "StorageAccounts"
  tier          = var.setting
}
