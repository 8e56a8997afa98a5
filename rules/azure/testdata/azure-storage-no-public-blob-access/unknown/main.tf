variable "public" {
  type = bool
}

resource "azurerm_storage_account" "from_variable" {
  name                            = "acmevar"
  resource_group_name             = "rg"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = var.public
}
