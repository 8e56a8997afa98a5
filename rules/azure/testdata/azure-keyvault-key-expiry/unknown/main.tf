variable "expires" {
  type = string
}

resource "azurerm_key_vault_key" "from_variable" {
  name            = "from-variable"
  key_vault_id    = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type        = "RSA"
  key_size        = 3072
  key_opts        = ["wrapKey", "unwrapKey"]
  expiration_date = var.expires
}
