resource "azurerm_key_vault_key" "cosmos" {
  name         = "cosmos"
  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_cosmosdb_account" "keyed" {
  for_each            = toset(["orders", "sessions"])
  name                = "acme-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  offer_type          = "Standard"
  key_vault_key_id    = azurerm_key_vault_key.cosmos.versionless_id
}

resource "azurerm_cosmosdb_account" "service_keys" {
  name                = "acme-service-keys"
  resource_group_name = "rg"
  location            = "westeurope"
  offer_type          = "Standard"
}
