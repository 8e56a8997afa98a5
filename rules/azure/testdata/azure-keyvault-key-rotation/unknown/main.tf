variable "rotation" {
  type = list(string)
}

resource "azurerm_key_vault_key" "dynamic_rotation" {
  name         = "dynamic-rotation"
  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
  dynamic "rotation_policy" {
    for_each = var.rotation
    content {
      expire_after = rotation_policy.value
      automatic {
        time_before_expiry = "P30D"
      }
    }
  }
}
