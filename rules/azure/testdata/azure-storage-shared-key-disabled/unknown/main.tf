variable "setting" {
  type = bool
}

resource "azurerm_storage_account" "from_variable" {
  name                      = "acme-from-variable"
  resource_group_name       = "rg"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  shared_access_key_enabled = var.setting
}
