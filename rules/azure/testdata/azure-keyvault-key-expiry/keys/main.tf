module "signing" {
  source = "./key"
  name   = "signing"
}

resource "azurerm_key_vault_key" "rotated" {
  for_each     = toset(["orders", "payments"])
  name         = each.key
  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
  rotation_policy {
    expire_after         = "P1Y"
    notify_before_expiry = "P30D"
    automatic {
      time_before_expiry = "P30D"
    }
  }
}

resource "azurerm_key_vault_key" "dated" {
  name            = "dated"
  key_vault_id    = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type        = "RSA"
  key_size        = 3072
  key_opts        = ["sign", "verify"]
  expiration_date = "2027-12-31T00:00:00Z"
}

resource "azurerm_key_vault_key" "forever" {
  name         = "forever"
  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "EC"
  curve        = "P-256"
  key_opts     = ["sign", "verify"]
}
