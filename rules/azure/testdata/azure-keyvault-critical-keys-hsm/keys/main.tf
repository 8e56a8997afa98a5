resource "azurerm_key_vault_key" "disks" {
  for_each     = toset(["eu", "us"])
  name         = "disks-${each.key}"
  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_disk_encryption_set" "disks" {
  for_each            = azurerm_key_vault_key.disks
  name                = "des-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  key_vault_key_id    = each.value.versionless_id
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_key_vault_key" "storage" {
  name         = "storage"
  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_storage_account" "data" {
  name                     = "acmedata"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_storage_account_customer_managed_key" "data" {
  storage_account_id = azurerm_storage_account.data.id
  key_vault_id       = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_name           = azurerm_key_vault_key.storage.name
}

resource "azurerm_key_vault_key" "cosmos" {
  name         = "cosmos"
  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_cosmosdb_account" "orders" {
  name                = "acme-orders"
  resource_group_name = "rg"
  location            = "westeurope"
  offer_type          = "Standard"
  key_vault_key_id    = azurerm_key_vault_key.cosmos.versionless_id
}

resource "azurerm_key_vault_key" "signing" {
  name         = "signing"
  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "EC"
  curve        = "P-256"
  key_opts     = ["sign", "verify"]
}
