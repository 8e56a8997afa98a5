variable "key_type" {
  type = string
}

resource "azurerm_key_vault_key" "tde" {
  name         = "tde"
  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = var.key_type
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_mssql_server_transparent_data_encryption" "orders" {
  server_id        = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-orders"
  key_vault_key_id = azurerm_key_vault_key.tde.id
}
