variable "expires" {
  type = string
}

resource "azurerm_key_vault_secret" "from_variable" {
  name            = "from-variable"
  value           = "placeholder"
  key_vault_id    = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  expiration_date = var.expires
}
