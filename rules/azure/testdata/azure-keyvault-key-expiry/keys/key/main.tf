variable "name" {
  type = string
}

resource "azurerm_key_vault_key" "this" {
  name         = var.name
  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acme"
  key_type     = "EC-HSM"
  curve        = "P-384"
  key_opts     = ["sign", "verify"]
  rotation_policy {
    expire_after = "P180D"
    automatic {
      time_after_creation = "P150D"
    }
  }
}
