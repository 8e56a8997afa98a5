variable "default_action" {
  type = string
}

resource "azurerm_storage_account" "from_variable" {
  name                     = "acmevar"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = var.default_action
  }
}
