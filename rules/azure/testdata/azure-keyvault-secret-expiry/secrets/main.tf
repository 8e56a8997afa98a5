resource "azurerm_key_vault_secret" "dated" {
  for_each        = toset(["db-password", "api-key"])
  name            = each.key
  value           = "placeholder"
  key_vault_id    = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  expiration_date = "2027-06-30T00:00:00Z"
}

resource "azurerm_key_vault_secret" "forever" {
  name         = "forever"
  value        = "placeholder"
  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
}
