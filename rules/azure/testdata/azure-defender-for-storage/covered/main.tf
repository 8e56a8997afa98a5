resource "azurerm_security_center_subscription_pricing" "plan" {
  tier          = "Standard"
  resource_type = "StorageAccounts"
}

resource "azurerm_storage_account" "data" {
  for_each                 = toset(["acmeorders", "acmepayments"])
  name                     = each.key
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
