variable "keyed_accounts" {
  type = set(string)
}

resource "azurerm_storage_account" "maybe" {
  name                     = "acmemaybe"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_customer_managed_key" "maybe" {
  for_each           = var.keyed_accounts
  storage_account_id = azurerm_storage_account.maybe.id
  key_vault_id       = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_name           = "storage"
}
